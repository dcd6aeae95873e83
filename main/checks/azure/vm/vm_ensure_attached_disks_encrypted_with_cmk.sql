/* ---
id: vm_ensure_attached_disks_encrypted_with_cmk
title: Virtual machine disks are encrypted with a customer-managed key
severity: medium
provider: azure
service: vm
resource_type: Microsoft.Compute/virtualMachines
rationale: >-
  Every managed disk is encrypted at rest; with platform-managed keys Microsoft holds the key, with a customer-
  managed key (a disk encryption set backed by Key Vault) the organisation controls, rotates, audits and can
  revoke it. This check follows the CIS benchmark's level 2 recommendation: a VM passes when its OS disk and
  every data disk names a disk encryption set (managedDisk.diskEncryptionSet, or
  managedDisk.securityProfile.diskEncryptionSet for confidential VMs); a disk with platform-managed keys or an
  unmanaged VHD fails. Platform encryption alone would always pass and prove nothing, and encryption at host
  (which also covers temp disks and caches) is a separate control.
remediation:
  console: >-
    Create a disk encryption set with a Key Vault key, grant it access to the vault, then Azure portal > Virtual
    machines > the VM > Stop (deallocate) > Disks > each disk > Encryption: choose "Encryption at-rest with a
    customer-managed key" and the disk encryption set; Save and start the VM.
  cli: |-
    az vm deallocate --resource-group <resource-group> --name <vm>
    az disk update --resource-group <resource-group> --name <disk> --encryption-type EncryptionAtRestWithCustomerKey \
      --disk-encryption-set <disk-encryption-set-id>
  terraform: |-
    resource "azurerm_linux_virtual_machine" "this" {
      # ...
      os_disk {
        caching                = "ReadWrite"
        storage_account_type   = "Premium_LRS"
        disk_encryption_set_id = azurerm_disk_encryption_set.this.id
      }
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 8.3: Ensure that 'OS and Data' disks are encrypted with Customer Managed Key (CMK)"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Server-side encryption of Azure Disk Storage - customer-managed keys"
    url: https://learn.microsoft.com/azure/virtual-machines/disk-encryption#customer-managed-keys
  - title: "Azure REST API: Virtual Machines - List All"
    url: https://learn.microsoft.com/rest/api/compute/virtual-machines/list-all
  - title: "Microsoft cloud security benchmark DP-5: Use customer-managed key option in data at rest encryption when required"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-data-protection#dp-5-use-customer-managed-key-option-in-data-at-rest-encryption-when-required
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.8.24]
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
), platform AS (
  SELECT uid, json_group_array(disk) AS names FROM disks
  WHERE json_type(d, '$.managedDisk.diskEncryptionSet.id') IS NOT 'text'
    AND json_type(d, '$.managedDisk.securityProfile.diskEncryptionSet.id') IS NOT 'text'
  GROUP BY uid
)
SELECT v.uid AS resource_uid,
  CASE WHEN v.os_type IS NOT 'object' THEN 'error' WHEN p.uid IS NOT NULL THEN 'fail' ELSE 'pass' END AS status,
  CASE
    WHEN v.os_type IS NOT 'object' THEN 'Storage profile of virtual machine ' || v.name || ' was not reported (properties.storageProfile.osDisk is absent), so its disk encryption is unconfirmed'
    WHEN p.uid IS NOT NULL THEN 'Disks of virtual machine ' || v.name || ' without a customer-managed key (no disk encryption set): ' || (SELECT group_concat(value, ', ') FROM json_each(p.names))
    ELSE 'Every disk of virtual machine ' || v.name || ' is encrypted with a customer-managed key (disk encryption set ' || coalesce(v.config ->> '$.properties.storageProfile.osDisk.managedDisk.diskEncryptionSet.id', v.config ->> '$.properties.storageProfile.osDisk.managedDisk.securityProfile.diskEncryptionSet.id') || ')'
  END AS reason,
  json_object('id', v.config ->> '$.id', 'DisksWithoutCmk', json(coalesce(p.names, '[]'))) AS evidence
FROM vms v LEFT JOIN platform p ON p.uid = v.uid
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Virtual machines of subscription ' || s.name || ' were not collected (VirtualMachines_ListAll failed: ' || e.code || '), so the disk encryption of every VM is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'VirtualMachines_ListAll' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
