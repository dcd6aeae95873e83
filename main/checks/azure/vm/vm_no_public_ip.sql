/* ---
id: vm_no_public_ip
title: Virtual machine has no public IP address
severity: medium
provider: azure
service: vm
resource_type: Microsoft.Compute/virtualMachines
rationale: >-
  A public IP address on a VM's network interface makes the VM directly reachable from the internet, so its
  network security group rules and every listening service become its only protection. Administrative and
  application access should go through Azure Bastion, a load balancer or application gateway, or a VPN. The
  check reads each network interface the VM references (NetworkInterfaces_Get) and fails when any IP
  configuration has properties.publicIPAddress.
remediation:
  console: >-
    Azure portal > Virtual machines > the VM > Networking > the network interface > IP configurations > the
    configuration: set Public IP address to Disassociate and Save. Use Azure Bastion for administration.
  cli: |-
    az network nic ip-config update --resource-group <resource-group> --nic-name <nic> --name <ip-config> \
      --remove publicIpAddress
  terraform: |-
    resource "azurerm_network_interface" "this" {
      # ...
      ip_configuration {
        name                          = "internal"
        subnet_id                     = azurerm_subnet.this.id
        private_ip_address_allocation = "Dynamic"
        # no public_ip_address_id
      }
    }
references:
  - title: "Microsoft Learn: Dissociate a public IP address from an Azure VM"
    url: https://learn.microsoft.com/azure/virtual-network/ip-services/remove-public-ip-address-vm
  - title: "Azure REST API: Network Interfaces - Get"
    url: https://learn.microsoft.com/rest/api/virtualnetwork/network-interfaces/get
  - title: "Microsoft cloud security benchmark NS-2: Secure cloud native services with network controls"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-network-security#ns-2-secure-cloud-native-services-with-network-controls
frameworks:
  soc2-2017: [CC6.6]
  pci-dss-4.0.1: [1.3.1]
  iso27001-2022: [A.8.20]
--- */
WITH vms AS (
  SELECT uid, name, config, json_type(config, '$.networkInterfaces') AS n_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Compute/virtualMachines'
), public AS (
  SELECT v.uid, json_group_array(json_extract(n.value, '$.name') || '/' || json_extract(c.value, '$.name')) AS configs,
         json_group_array(json_extract(c.value, '$.properties.publicIPAddress.id')) AS ips
  FROM vms v, json_each(v.config, '$.networkInterfaces') n, json_each(n.value, '$.properties.ipConfigurations') c
  WHERE v.n_type = 'array' AND json_type(c.value, '$.properties.publicIPAddress') = 'object'
  GROUP BY v.uid
)
SELECT v.uid AS resource_uid,
  CASE WHEN v.n_type IS NOT 'array' THEN 'error' WHEN p.uid IS NOT NULL THEN 'fail' ELSE 'pass' END AS status,
  CASE
    WHEN v.n_type IS NULL THEN 'Network interfaces of virtual machine ' || v.name || ' were not collected (NetworkInterfaces_Get failed), so the absence of a public IP is unconfirmed'
    WHEN v.n_type IS NOT 'array' THEN 'Network interfaces of virtual machine ' || v.name || ' were collected in an unexpected form (not a list)'
    WHEN p.uid IS NOT NULL THEN 'Virtual machine ' || v.name || ' has a public IP address on ' || (SELECT group_concat(value, ', ') FROM json_each(p.configs))
    ELSE 'None of the ' || json_array_length(v.config, '$.networkInterfaces') || ' network interfaces of virtual machine ' || v.name || ' has a public IP address'
  END AS reason,
  json_object('id', v.config ->> '$.id', 'PublicIpConfigurations', json(coalesce(p.configs, '[]')),
              'PublicIpAddressIds', json(coalesce(p.ips, '[]'))) AS evidence
FROM vms v LEFT JOIN public p ON p.uid = v.uid
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Virtual machines of subscription ' || s.name || ' were not collected (VirtualMachines_ListAll failed: ' || e.code || '), so the absence of public IPs on every VM is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'VirtualMachines_ListAll' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
