/* ---
id: vm_ensure_using_managed_disks
title: Virtual machine uses managed disks only
severity: medium
provider: azure
service: vm
resource_type: Microsoft.Compute/virtualMachines
rationale: >-
  Managed disks are always encrypted at rest by the platform, can use customer-managed keys, and are isolated
  from storage account keys and public blob access; an unmanaged disk is a VHD page blob in a storage account
  whose keys, network rules and access level then decide who can copy the whole disk. A VM passes when its OS
  disk and every data disk has storageProfile ... managedDisk, and fails when any is an unmanaged VHD (vhd.uri).
remediation:
  console: >-
    Azure portal > Virtual machines > the VM > Stop (deallocate), then Disks: "Migrate to managed disks" and
    confirm. Then restrict or delete the storage account that held the VHDs.
  cli: |-
    az vm deallocate --resource-group <resource-group> --name <vm>
    az vm convert --resource-group <resource-group> --name <vm>
  terraform: |-
    resource "azurerm_linux_virtual_machine" "this" {
      # azurerm_linux_virtual_machine / azurerm_windows_virtual_machine always use managed disks:
      os_disk {
        caching              = "ReadWrite"
        storage_account_type = "Premium_LRS"
      }
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 8.2: Ensure Virtual Machines are utilizing Managed Disks"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Migrate Linux VMs from unmanaged disks to managed disks"
    url: https://learn.microsoft.com/azure/virtual-machines/linux/convert-unmanaged-to-managed-disks
  - title: "Azure REST API: Virtual Machines - List All"
    url: https://learn.microsoft.com/rest/api/compute/virtual-machines/list-all
  - title: "Microsoft cloud security benchmark DP-4: Enable data at rest encryption by default"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-data-protection#dp-4-enable-data-at-rest-encryption-by-default
frameworks:
  iso27001-2022: [A.8.3]
--- */
WITH vms AS (
  SELECT uid, name, config,
         json_type(config, '$.properties.storageProfile.osDisk') AS os_type,
         json_type(config, '$.properties.storageProfile.dataDisks') AS data_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Compute/virtualMachines'
), disks AS (
  SELECT v.uid, json_extract(v.config, '$.properties.storageProfile.osDisk.name') AS disk, v.config -> '$.properties.storageProfile.osDisk' AS d
  FROM vms v WHERE v.os_type = 'object'
  UNION ALL
  SELECT v.uid, json_extract(x.value, '$.name'), x.value
  FROM vms v, json_each(v.config, '$.properties.storageProfile.dataDisks') x WHERE v.data_type = 'array'
), unmanaged AS (
  SELECT uid, json_group_array(disk) AS names FROM disks
  WHERE json_type(d, '$.managedDisk') IS NOT 'object' GROUP BY uid
)
SELECT v.uid AS resource_uid,
  CASE WHEN v.os_type IS NOT 'object' THEN 'error' WHEN u.uid IS NOT NULL THEN 'fail' ELSE 'pass' END AS status,
  CASE
    WHEN v.os_type IS NOT 'object' THEN 'Storage profile of virtual machine ' || v.name || ' was not reported (properties.storageProfile.osDisk is absent), so its disks are unconfirmed'
    WHEN u.uid IS NOT NULL THEN 'Virtual machine ' || v.name || ' uses unmanaged (VHD) disks: ' || (SELECT group_concat(value, ', ') FROM json_each(u.names))
    ELSE 'Every disk of virtual machine ' || v.name || ' is a managed disk (' || (SELECT count(*) FROM disks d WHERE d.uid = v.uid) || ' disks)'
  END AS reason,
  json_object('id', v.config ->> '$.id', 'UnmanagedDisks', json(coalesce(u.names, '[]')),
              'osDisk', json_object('name', v.config ->> '$.properties.storageProfile.osDisk.name',
                                    'managedDisk', v.config -> '$.properties.storageProfile.osDisk.managedDisk',
                                    'vhd', v.config -> '$.properties.storageProfile.osDisk.vhd')) AS evidence
FROM vms v LEFT JOIN unmanaged u ON u.uid = v.uid
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Virtual machines of subscription ' || s.name || ' were not collected (VirtualMachines_ListAll failed: ' || e.code || '), so the disks of every VM is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'VirtualMachines_ListAll' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
