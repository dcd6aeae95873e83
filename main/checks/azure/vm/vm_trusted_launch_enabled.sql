/* ---
id: vm_trusted_launch_enabled
title: Virtual machine uses Trusted Launch with secure boot and vTPM
severity: medium
provider: azure
service: vm
resource_type: Microsoft.Compute/virtualMachines
rationale: >-
  Trusted Launch protects Generation 2 VMs against boot kits and rootkits: secure boot allows only signed boot
  loaders and kernels, and the virtual TPM measures the boot chain for attestation (Microsoft Defender for Cloud
  reports integrity failures). A VM passes when properties.securityProfile.securityType is TrustedLaunch or
  ConfidentialVM with uefiSettings.secureBootEnabled and vTpmEnabled both true. Resource Manager omits
  securityProfile for a VM created without a security type; the documented default is then Standard (no UEFI
  security features), which the check reports as a failure and says so.
remediation:
  console: >-
    Azure portal > Virtual machines > the VM > Overview > Security type: for a Gen2 VM choose "Upgrade to
    Trusted Launch" (the VM is deallocated), then under Configuration enable Secure boot and vTPM. Gen1 VMs must
    be converted to Gen2 first.
  cli: |-
    az vm deallocate --resource-group <resource-group> --name <vm>
    az vm update --resource-group <resource-group> --name <vm> --security-type TrustedLaunch \
      --enable-secure-boot true --enable-vtpm true
    az vm start --resource-group <resource-group> --name <vm>
  terraform: |-
    resource "azurerm_linux_virtual_machine" "this" {
      # ...
      secure_boot_enabled = true
      vtpm_enabled        = true
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 8.11: Ensure Trusted Launch is enabled on Virtual Machines"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Trusted Launch for Azure virtual machines"
    url: https://learn.microsoft.com/azure/virtual-machines/trusted-launch
  - title: "Azure REST API: Virtual Machines - List All (securityProfile)"
    url: https://learn.microsoft.com/rest/api/compute/virtual-machines/list-all
frameworks:
  soc2-2017: [CC6.8]
  iso27001-2022: [A.8.7]
--- */
WITH vms AS (
  SELECT uid, name, config,
         json_type(config, '$.properties') AS p_type,
         json_type(config, '$.properties.securityProfile') AS sp_type,
         json_extract(config, '$.properties.securityProfile.securityType') AS st,
         json_type(config, '$.properties.securityProfile.uefiSettings.secureBootEnabled') AS sb,
         json_type(config, '$.properties.securityProfile.uefiSettings.vTpmEnabled') AS tpm
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Compute/virtualMachines'
)
SELECT uid AS resource_uid,
  CASE
    WHEN p_type IS NOT 'object' THEN 'error'
    WHEN st IS NULL OR st = 'Standard' THEN 'fail'
    WHEN st IN ('TrustedLaunch', 'ConfidentialVM') AND sb = 'true' AND tpm = 'true' THEN 'pass'
    WHEN st IN ('TrustedLaunch', 'ConfidentialVM') AND (sb = 'false' OR tpm = 'false') THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN p_type IS NOT 'object' THEN 'Properties of virtual machine ' || name || ' were not reported, so Trusted Launch is unconfirmed'
    WHEN st IS NULL THEN 'Security type of virtual machine ' || name || ' not reported (no securityProfile.securityType); the service default is Standard, without secure boot or vTPM'
    WHEN st = 'Standard' THEN 'Virtual machine ' || name || ' has security type Standard, without secure boot or vTPM'
    WHEN st IN ('TrustedLaunch', 'ConfidentialVM') AND sb = 'true' AND tpm = 'true' THEN 'Virtual machine ' || name || ' uses ' || st || ' with secure boot and vTPM enabled'
    WHEN st IN ('TrustedLaunch', 'ConfidentialVM') AND (sb = 'false' OR tpm = 'false') THEN 'Virtual machine ' || name || ' uses ' || st || ' but secure boot is ' || CASE sb WHEN 'true' THEN 'on' WHEN 'false' THEN 'off' ELSE 'not reported' END || ' and vTPM is ' || CASE tpm WHEN 'true' THEN 'on' WHEN 'false' THEN 'off' ELSE 'not reported' END
    WHEN st IN ('TrustedLaunch', 'ConfidentialVM') THEN 'Secure boot / vTPM settings of virtual machine ' || name || ' were not reported (securityProfile.uefiSettings), so Trusted Launch protection is unconfirmed'
    ELSE 'Security type of virtual machine ' || name || ' was reported in an unexpected form (' || quote(st) || ')'
  END AS reason,
  json_object('id', config ->> '$.id', 'securityProfile', config -> '$.properties.securityProfile') AS evidence
FROM vms
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Virtual machines of subscription ' || s.name || ' were not collected (VirtualMachines_ListAll failed: ' || e.code || '), so Trusted Launch on every VM is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'VirtualMachines_ListAll' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
