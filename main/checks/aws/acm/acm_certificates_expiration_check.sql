/* ---
id: acm_certificates_expiration_check
title: ACM certificate does not expire within 30 days
severity: high
provider: aws
service: acm
resource_type: AWS::CertificateManager::Certificate
rationale: >-
  An expired certificate breaks TLS for every client (an outage), and pushes users and integrations towards
  ignoring certificate errors. Imported certificates are never renewed by ACM, and ACM-issued ones renew only
  while their validation still works, so an issued certificate within 30 days of expiry needs action whether or
  not it is attached to a resource today. An expired certificate still in use fails; one no longer in use, and
  certificates that were never issued, are not judged.
remediation:
  console: >-
    ACM console > Certificates > the certificate: for an imported certificate, obtain a new one from the issuer
    and choose Reimport; for an ACM-issued one, fix its DNS or email validation so managed renewal succeeds (or
    request a new certificate and attach it in place of the old one).
  cli: |-
    aws acm describe-certificate --certificate-arn <certificate-arn> --query 'Certificate.[NotAfter,RenewalSummary]'
    aws acm import-certificate --certificate-arn <certificate-arn> --certificate fileb://cert.pem --private-key fileb://key.pem --certificate-chain fileb://chain.pem
  terraform: |-
    resource "aws_acm_certificate" "this" {
      domain_name       = "<domain>"
      validation_method = "DNS" # ACM-issued with DNS validation renews automatically
      lifecycle {
        create_before_destroy = true
      }
    }
references:
  - title: "AWS Security Hub control ACM.1: Imported and ACM-issued certificates should be renewed after a specified time period"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/acm-controls.html#acm-1
  - title: "AWS Certificate Manager User Guide: Managed certificate renewal"
    url: https://docs.aws.amazon.com/acm/latest/userguide/managed-renewal.html
frameworks:
  pci-dss-4.0.1: [4.2.1]
  iso27001-2022: [A.8.24]
--- */
WITH listed AS (
  SELECT uid, name, config, json_extract(config, '$.Status') AS cert_status,
         json_extract(config, '$.NotAfter') AS not_after,
         json_type(config, '$.InUse') AS in_use,
         julianday(json_extract(config, '$.NotAfter')) - julianday(@as_of) AS diff
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::CertificateManager::Certificate'
), cert AS (
  -- Whole days, rounded down (no floor(): not every sqlite3 build has the math functions).
  SELECT *, CASE WHEN diff >= 0 THEN CAST(diff AS INTEGER)
                 WHEN diff = CAST(diff AS INTEGER) THEN CAST(diff AS INTEGER)
                 ELSE CAST(diff AS INTEGER) - 1 END AS days_left
  FROM listed
)
SELECT uid AS resource_uid,
  CASE
    WHEN cert_status IS NULL THEN 'error'
    WHEN cert_status = 'ISSUED' AND days_left IS NULL THEN 'error'
    WHEN cert_status = 'ISSUED' AND days_left <= 30 THEN 'fail'
    WHEN cert_status = 'ISSUED' THEN 'pass'
    WHEN cert_status = 'EXPIRED' AND in_use = 'true' THEN 'fail'
    WHEN cert_status = 'EXPIRED' AND in_use = 'false' THEN 'n/a'
    WHEN cert_status = 'EXPIRED' THEN 'error'
    ELSE 'n/a'
  END AS status,
  CASE
    WHEN cert_status IS NULL THEN 'Status of certificate ' || name || ' was not reported'
    WHEN cert_status = 'ISSUED' AND days_left IS NULL THEN 'Expiry date of issued certificate ' || name || ' was not reported'
    WHEN cert_status = 'ISSUED' AND days_left < 0
      THEN 'Certificate ' || name || ' expired on ' || substr(not_after, 1, 10) || ' (' || -days_left || ' days before the snapshot)'
    WHEN cert_status = 'ISSUED' AND days_left <= 30
      THEN 'Certificate ' || name || ' expires on ' || substr(not_after, 1, 10) || ', in ' || days_left || ' days' ||
           CASE in_use WHEN 'true' THEN ' (in use)' WHEN 'false' THEN ' (not in use)' ELSE '' END
    WHEN cert_status = 'ISSUED'
      THEN 'Certificate ' || name || ' is valid until ' || substr(not_after, 1, 10) || ' (' || days_left || ' days)'
    WHEN cert_status = 'EXPIRED' AND in_use = 'true'
      THEN 'Certificate ' || name || ' expired on ' || coalesce(substr(not_after, 1, 10), 'an unreported date') || ' and is still in use'
    WHEN cert_status = 'EXPIRED' AND in_use = 'false'
      THEN 'Certificate ' || name || ' has expired and is no longer in use'
    WHEN cert_status = 'EXPIRED' THEN 'Certificate ' || name || ' has expired and whether it is still in use was not reported'
    ELSE 'Certificate ' || name || ' has status ' || cert_status || ', so it has never been issued or is no longer usable'
  END AS reason,
  json_object('Status', cert_status, 'NotAfter', not_after, 'InUse', json_extract(config, '$.InUse'),
              'Type', json_extract(config, '$.Type'), 'DaysLeft', days_left) AS evidence
FROM cert;
