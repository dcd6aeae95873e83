// IAM checks: root account, console users, access keys, the account password policy and customer-managed
// policies. Ages are measured against @as_of (the snapshot's start), never the wall clock, so re-running a
// check on an old snapshot gives the answer it gave then.
import type { CheckDefinition } from '../types';

/** Days after which an access key counts as unused or due for rotation (CIS / PCI DSS 8.3.9 / 8.6.3). */
const KEY_MAX_DAYS = 90;

export const iamRootMfa: CheckDefinition = {
  id: 'iam_root_mfa_enabled',
  provider: 'aws',
  service: 'iam',
  title: 'Root user has MFA enabled',
  severity: 'critical',
  resourceType: 'AWS::IAM::RootUser',
  rationale:
    'The root user has unrestricted access to the account and cannot be limited by IAM policies. Without MFA a ' +
    'single leaked password gives full control of every resource and of billing.',
  remediation: {
    console:
      'Sign in as the root user > account menu > Security credentials > Multi-factor authentication (MFA) > Assign ' +
      'MFA device; prefer a hardware security key or passkey, and store it under dual control.',
    cli:
      'Root MFA can only be assigned in the console while signed in as root. To confirm afterwards: ' +
      "aws iam get-account-summary --query 'SummaryMap.AccountMFAEnabled' (1 = enabled).",
    terraform:
      'Not manageable with Terraform: root-user MFA is assigned in the console. In an AWS Organization, prefer ' +
      'centralised root access management (aws organizations enable-aws-service-access --service-principal iam.amazonaws.com).',
  },
  sql: `
SELECT uid AS resource_uid,
  CASE
    WHEN json_type(config, '$.CredentialReport') IS NOT 'object' THEN 'error'
    WHEN json_extract(config, '$.CredentialReport.mfa_active') = 'true' THEN 'pass'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN json_type(config, '$.CredentialReport') IS NOT 'object' THEN 'The root user''s credential report row was not collected'
    WHEN json_extract(config, '$.CredentialReport.mfa_active') = 'true' THEN 'The root user has an MFA device active'
    ELSE 'The root user has no MFA device active (credential report mfa_active = ' ||
         coalesce(json_extract(config, '$.CredentialReport.mfa_active'), 'missing') || ')'
  END AS reason,
  json_object('mfa_active', json_extract(config, '$.CredentialReport.mfa_active'),
              'password_last_used', json_extract(config, '$.CredentialReport.password_last_used')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::RootUser'`,
};

export const iamNoRootAccessKey: CheckDefinition = {
  id: 'iam_no_root_access_key',
  provider: 'aws',
  service: 'iam',
  title: 'Root user has no active access keys',
  severity: 'critical',
  resourceType: 'AWS::IAM::RootUser',
  rationale:
    'Root access keys give programmatic, policy-unrestricted access to the whole account and are easily leaked ' +
    'through code or configuration. Day-to-day work should use IAM roles; root keys should not exist.',
  remediation: {
    console:
      'Sign in as the root user > account menu > Security credentials > Access keys: deactivate, then delete each key ' +
      '(check CloudTrail first for any process still using it).',
    cli:
      'Only with the root credentials themselves (no --user-name means "the caller"): ' +
      'aws iam update-access-key --access-key-id <key-id> --status Inactive && aws iam delete-access-key --access-key-id <key-id>',
    terraform:
      'Not manageable with Terraform: root access keys are deleted in the console. Prevent new ones with an SCP ' +
      'denying iam:CreateAccessKey for arn:aws:iam::*:root.',
  },
  sql: `
WITH root AS (
  SELECT uid, config,
         json_type(config, '$.CredentialReport') AS report_type,
         json_extract(config, '$.CredentialReport.access_key_1_active') = 'true' AS key1,
         json_extract(config, '$.CredentialReport.access_key_2_active') = 'true' AS key2
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::RootUser'
)
SELECT uid AS resource_uid,
  CASE WHEN report_type IS NOT 'object' THEN 'error' WHEN key1 OR key2 THEN 'fail' ELSE 'pass' END AS status,
  CASE
    WHEN report_type IS NOT 'object' THEN 'The root user''s credential report row was not collected'
    WHEN key1 AND key2 THEN 'The root user has 2 active access keys'
    WHEN key1 OR key2 THEN 'The root user has 1 active access key (key ' || CASE WHEN key1 THEN '1' ELSE '2' END ||
      ', last rotated ' || coalesce(json_extract(config, '$.CredentialReport.access_key_' || CASE WHEN key1 THEN '1' ELSE '2' END || '_last_rotated'), 'unknown') || ')'
    ELSE 'The root user has no active access keys'
  END AS reason,
  json_object('access_key_1_active', json_extract(config, '$.CredentialReport.access_key_1_active'),
              'access_key_2_active', json_extract(config, '$.CredentialReport.access_key_2_active')) AS evidence
FROM root`,
};

export const iamUserConsoleMfa: CheckDefinition = {
  id: 'iam_user_mfa_enabled_console_access',
  provider: 'aws',
  service: 'iam',
  title: 'IAM users with console access have MFA enabled',
  severity: 'high',
  resourceType: 'AWS::IAM::User',
  rationale:
    'A console password alone can be phished, guessed or reused from another breach. MFA is required by every ' +
    'framework for interactive access to systems holding sensitive data. Users without a console password are ' +
    'outside this check (not applicable).',
  remediation: {
    console:
      'IAM console > Users > the user > Security credentials > Multi-factor authentication (MFA) > Assign MFA device. ' +
      'Enforce it with a policy that denies actions when aws:MultiFactorAuthPresent is false.',
    cli:
      'aws iam create-virtual-mfa-device --virtual-mfa-device-name <user> --outfile <user>-qr.png --bootstrap-method QRCodePNG\n' +
      'aws iam enable-mfa-device --user-name <user> --serial-number arn:aws:iam::<account-id>:mfa/<user> ' +
      '--authentication-code1 <code1> --authentication-code2 <code2>',
    terraform:
      '# Deny everything except MFA self-service until the user signs in with MFA.\n' +
      'data "aws_iam_policy_document" "require_mfa" {\n' +
      '  statement {\n' +
      '    effect      = "Deny"\n' +
      '    not_actions = ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:GetUser", "sts:GetSessionToken"]\n' +
      '    resources   = ["*"]\n' +
      '    condition {\n' +
      '      test     = "BoolIfExists"\n' +
      '      variable = "aws:MultiFactorAuthPresent"\n' +
      '      values   = ["false"]\n' +
      '    }\n' +
      '  }\n' +
      '}\n' +
      'resource "aws_iam_group_policy" "require_mfa" {\n' +
      '  group  = aws_iam_group.console_users.name\n' +
      '  policy = data.aws_iam_policy_document.require_mfa.json\n' +
      '}',
  },
  sql: `
WITH u AS (
  SELECT uid, name, config,
         json_type(config, '$.CredentialReport') AS report_type,
         json_extract(config, '$.CredentialReport.password_enabled') AS password_enabled,
         json_extract(config, '$.CredentialReport.mfa_active') AS mfa_active,
         coalesce(json_array_length(config, '$.MFADevices'), 0) AS mfa_devices
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::User'
)
SELECT uid AS resource_uid,
  CASE
    WHEN report_type IS NULL OR report_type = 'null' THEN 'error'
    WHEN password_enabled IS NOT 'true' THEN 'n/a'
    WHEN mfa_active = 'true' OR mfa_devices > 0 THEN 'pass'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN report_type IS NULL THEN 'Console access of IAM user ' || name || ' is unknown: the credential report was not collected'
    WHEN report_type = 'null' THEN 'Console access of IAM user ' || name || ' is unknown: the user has no row in the credential report (created after it was generated?)'
    WHEN password_enabled IS NOT 'true' THEN 'IAM user ' || name || ' has no console password'
    WHEN mfa_active = 'true' OR mfa_devices > 0 THEN 'IAM user ' || name || ' has console access and ' || max(mfa_devices, 1) || ' MFA device(s)'
    ELSE 'IAM user ' || name || ' has console access (password enabled) and no MFA device'
  END AS reason,
  json_object('password_enabled', password_enabled, 'mfa_active', mfa_active, 'MFADevices', mfa_devices,
              'password_last_used', json_extract(config, '$.CredentialReport.password_last_used')) AS evidence
FROM u`,
};

export const iamAccessKeyUnused: CheckDefinition = {
  id: 'iam_user_accesskey_unused',
  provider: 'aws',
  service: 'iam',
  title: `Active IAM access keys have been used in the last ${KEY_MAX_DAYS} days`,
  severity: 'medium',
  resourceType: 'AWS::IAM::User',
  rationale:
    `An active access key nobody has used for ${KEY_MAX_DAYS} days is a standing credential with no owner watching it: ` +
    'it should be deactivated and deleted (PCI DSS 8.2.6 requires removing inactive accounts within 90 days). ' +
    'A key that was never used counts from its creation date. Users without active keys are not applicable.',
  remediation: {
    console:
      'IAM console > Users > the user > Security credentials > Access keys: confirm "Last used" with the owner, ' +
      'then Actions > Deactivate, and Delete once nothing breaks.',
    cli:
      'aws iam update-access-key --user-name <user> --access-key-id <key-id> --status Inactive\n' +
      'aws iam delete-access-key --user-name <user> --access-key-id <key-id>',
    terraform:
      'resource "aws_iam_access_key" "this" {\n' +
      '  user   = aws_iam_user.this.name\n' +
      '  status = "Inactive" # then remove the resource block to delete the key\n' +
      '}',
  },
  sql: `
WITH users AS (
  SELECT uid, name, json_type(config, '$.AccessKeys') AS keys_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::User'
), keys AS (
  SELECT k.*,
         CAST(julianday(@as_of) - julianday(k.create_date) AS INTEGER) AS age_days,
         CAST(julianday(@as_of) - julianday(coalesce(k.last_used_date, k.create_date)) AS INTEGER) AS idle_days
  FROM aws_iam_access_keys k
  WHERE k.snapshot_id = @snapshot_id AND k.key_status = 'Active'
), judged AS (
  SELECT keys.*,
         last_used_collected AND idle_days > ${KEY_MAX_DAYS} AS stale,
         (NOT last_used_collected AND (age_days IS NULL OR age_days > ${KEY_MAX_DAYS}))
           OR (last_used_collected AND idle_days IS NULL) AS unknown
  FROM keys
), per_user AS (
  SELECT users.uid, users.name, users.keys_type,
         count(j.access_key_id) AS active_keys,
         sum(coalesce(j.stale, 0)) AS stale_keys,
         sum(coalesce(j.unknown, 0)) AS unknown_keys,
         group_concat(CASE WHEN j.stale THEN
           j.access_key_id || CASE WHEN j.last_used_date IS NULL
                                   THEN ' was never used and was created ' || j.idle_days || ' days ago'
                                   ELSE ' was last used ' || j.idle_days || ' days ago' END
         END, '; ') AS stale_text,
         json_group_array(json_object('AccessKeyId', j.access_key_id, 'CreateDate', j.create_date,
                                      'LastUsedDate', j.last_used_date, 'DaysSinceUse', j.idle_days))
           FILTER (WHERE j.access_key_id IS NOT NULL) AS keys_json
  FROM users LEFT JOIN judged j ON j.user_uid = users.uid
  GROUP BY users.uid
)
SELECT uid AS resource_uid,
  CASE
    WHEN keys_type IS NULL THEN 'error'
    WHEN stale_keys > 0 THEN 'fail'
    WHEN unknown_keys > 0 THEN 'error'
    WHEN active_keys = 0 THEN 'n/a'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN keys_type IS NULL THEN 'Access keys of IAM user ' || name || ' were not collected (ListAccessKeys failed)'
    WHEN stale_keys > 0 THEN 'IAM user ' || name || ' has ' || stale_keys || ' active access key(s) unused for more than ${KEY_MAX_DAYS} days: ' || stale_text
    WHEN unknown_keys > 0 THEN 'Last use of ' || unknown_keys || ' active access key(s) of IAM user ' || name || ' was not collected (GetAccessKeyLastUsed failed)'
    WHEN active_keys = 0 THEN 'IAM user ' || name || ' has no active access keys'
    ELSE 'All ' || active_keys || ' active access key(s) of IAM user ' || name || ' were used in the last ${KEY_MAX_DAYS} days'
  END AS reason,
  json_object('asOf', @as_of, 'activeKeys', json(keys_json)) AS evidence
FROM per_user`,
};

export const iamAccessKeyRotation: CheckDefinition = {
  id: 'iam_rotate_access_key_90_days',
  provider: 'aws',
  service: 'iam',
  title: `Active IAM access keys are rotated within ${KEY_MAX_DAYS} days`,
  severity: 'medium',
  resourceType: 'AWS::IAM::User',
  rationale:
    'Long-lived keys accumulate exposure (laptops, CI logs, old repositories). Rotating at least every ' +
    `${KEY_MAX_DAYS} days bounds how long a leaked key stays useful. Users without active keys are not applicable.`,
  remediation: {
    console:
      'IAM console > Users > the user > Security credentials > Create access key; deploy the new key, then ' +
      'deactivate and delete the old one.',
    cli:
      'aws iam create-access-key --user-name <user>\n' +
      '# deploy the new key, then:\n' +
      'aws iam update-access-key --user-name <user> --access-key-id <old-key-id> --status Inactive\n' +
      'aws iam delete-access-key --user-name <user> --access-key-id <old-key-id>',
    terraform:
      '# Rotate by replacing the key resource, then distribute the new secret:\n' +
      'terraform apply -replace=aws_iam_access_key.this',
  },
  sql: `
WITH users AS (
  SELECT uid, name, json_type(config, '$.AccessKeys') AS keys_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::User'
), keys AS (
  SELECT k.*, CAST(julianday(@as_of) - julianday(k.create_date) AS INTEGER) AS age_days
  FROM aws_iam_access_keys k
  WHERE k.snapshot_id = @snapshot_id AND k.key_status = 'Active'
), per_user AS (
  SELECT users.uid, users.name, users.keys_type,
         count(k.access_key_id) AS active_keys,
         count(CASE WHEN k.age_days > ${KEY_MAX_DAYS} THEN 1 END) AS old_keys,
         count(CASE WHEN k.access_key_id IS NOT NULL AND k.age_days IS NULL THEN 1 END) AS undated_keys,
         group_concat(CASE WHEN k.age_days > ${KEY_MAX_DAYS} THEN k.access_key_id || ' is ' || k.age_days || ' days old' END, '; ') AS old_text,
         json_group_array(json_object('AccessKeyId', k.access_key_id, 'CreateDate', k.create_date, 'AgeDays', k.age_days))
           FILTER (WHERE k.access_key_id IS NOT NULL) AS keys_json
  FROM users LEFT JOIN keys k ON k.user_uid = users.uid
  GROUP BY users.uid
)
SELECT uid AS resource_uid,
  CASE
    WHEN keys_type IS NULL THEN 'error'
    WHEN old_keys > 0 THEN 'fail'
    WHEN undated_keys > 0 THEN 'error'
    WHEN active_keys = 0 THEN 'n/a'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN keys_type IS NULL THEN 'Access keys of IAM user ' || name || ' were not collected (ListAccessKeys failed)'
    WHEN old_keys > 0 THEN 'IAM user ' || name || ' has ' || old_keys || ' active access key(s) older than ${KEY_MAX_DAYS} days: ' || old_text
    WHEN undated_keys > 0 THEN 'Creation date of ' || undated_keys || ' active access key(s) of IAM user ' || name || ' was not reported'
    WHEN active_keys = 0 THEN 'IAM user ' || name || ' has no active access keys'
    ELSE 'All ' || active_keys || ' active access key(s) of IAM user ' || name || ' are ${KEY_MAX_DAYS} days old or newer'
  END AS reason,
  json_object('asOf', @as_of, 'activeKeys', json(keys_json)) AS evidence
FROM per_user`,
};

export const iamPasswordPolicyStrong: CheckDefinition = {
  id: 'iam_password_policy_strong',
  provider: 'aws',
  service: 'iam',
  title: 'Account password policy meets the minimum strength baseline',
  severity: 'medium',
  resourceType: 'AWS::IAM::PasswordPolicy',
  rationale:
    'IAM user passwords are only as strong as the account password policy allows. The baseline (CIS AWS ' +
    'Foundations) is: at least 14 characters, upper- and lower-case letters, numbers and symbols required, and ' +
    'the last 24 passwords not reusable. With no policy, AWS accepts 8-character passwords of any composition.',
  remediation: {
    console:
      'IAM console > Account settings > Password policy > Edit: Custom; minimum length 14, require at least one ' +
      'uppercase, lowercase, number and non-alphanumeric character, prevent password reuse (24), save.',
    cli:
      'aws iam update-account-password-policy --minimum-password-length 14 --require-uppercase-characters ' +
      '--require-lowercase-characters --require-numbers --require-symbols --password-reuse-prevention 24 ' +
      '--allow-users-to-change-password',
    terraform:
      'resource "aws_iam_account_password_policy" "baseline" {\n' +
      '  minimum_password_length        = 14\n' +
      '  require_uppercase_characters   = true\n' +
      '  require_lowercase_characters   = true\n' +
      '  require_numbers                = true\n' +
      '  require_symbols                = true\n' +
      '  password_reuse_prevention      = 24\n' +
      '  allow_users_to_change_password = true\n' +
      '}',
  },
  sql: `
WITH p AS (
  SELECT uid, json_type(config, '$.PasswordPolicy') AS policy_type, json_extract(config, '$.PasswordPolicy') AS policy
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::PasswordPolicy'
), judged AS (
  SELECT p.*,
    rtrim(
      CASE WHEN coalesce(json_extract(policy, '$.MinimumPasswordLength'), 0) >= 14 THEN ''
           ELSE 'minimum length is ' || coalesce(json_extract(policy, '$.MinimumPasswordLength'), 'not set') || ' (needs 14 or more); ' END ||
      CASE WHEN coalesce(json_extract(policy, '$.RequireUppercaseCharacters'), 0) = 1 THEN '' ELSE 'upper-case letters not required; ' END ||
      CASE WHEN coalesce(json_extract(policy, '$.RequireLowercaseCharacters'), 0) = 1 THEN '' ELSE 'lower-case letters not required; ' END ||
      CASE WHEN coalesce(json_extract(policy, '$.RequireNumbers'), 0) = 1 THEN '' ELSE 'numbers not required; ' END ||
      CASE WHEN coalesce(json_extract(policy, '$.RequireSymbols'), 0) = 1 THEN '' ELSE 'symbols not required; ' END ||
      CASE WHEN coalesce(json_extract(policy, '$.PasswordReusePrevention'), 0) >= 24 THEN ''
           ELSE 'reuse prevention remembers ' || coalesce(json_extract(policy, '$.PasswordReusePrevention'), 0) || ' passwords (needs 24); ' END,
      '; ') AS shortfalls
  FROM p
)
SELECT uid AS resource_uid,
  CASE WHEN policy_type IS NULL THEN 'error' WHEN policy_type = 'null' OR shortfalls <> '' THEN 'fail' ELSE 'pass' END AS status,
  CASE
    WHEN policy_type IS NULL THEN 'The account password policy was not collected (GetAccountPasswordPolicy failed)'
    WHEN policy_type = 'null' THEN 'No account password policy is set, so IAM accepts any password of 8 or more characters'
    WHEN shortfalls <> '' THEN 'The account password policy is weaker than the baseline: ' || shortfalls
    ELSE 'The account password policy requires ' || json_extract(policy, '$.MinimumPasswordLength') ||
         '+ characters with upper- and lower-case letters, numbers and symbols, and blocks reuse of the last ' ||
         json_extract(policy, '$.PasswordReusePrevention') || ' passwords'
  END AS reason,
  json_object('PasswordPolicy', json(policy), 'Shortfalls', nullif(shortfalls, '')) AS evidence
FROM judged`,
};

export const iamCustomerPolicyNoAdmin: CheckDefinition = {
  id: 'iam_customer_policy_no_administrative_privileges',
  provider: 'aws',
  service: 'iam',
  title: 'Customer-managed IAM policies do not grant full administrative privileges',
  severity: 'high',
  resourceType: 'AWS::IAM::ManagedPolicy',
  rationale:
    'A statement allowing Action "*" on Resource "*" grants every permission in the account, defeating least ' +
    'privilege and segregation of duties. Administrative access should come from a small number of reviewed roles ' +
    '(e.g. the AWS-managed AdministratorAccess behind MFA), not from custom policies. Unattached policies fail too: ' +
    'they are one attach call away from use.',
  remediation: {
    console:
      'IAM console > Policies > the policy > Permissions > Edit: replace "Action": "*" with the specific service ' +
      'actions (IAM Access Analyzer "Generate policy" from CloudTrail activity helps), save as the default version.',
    cli:
      'aws iam create-policy-version --policy-arn <policy-arn> --policy-document file://least-privilege.json --set-as-default\n' +
      'aws iam delete-policy-version --policy-arn <policy-arn> --version-id <old-version-id>',
    terraform:
      'resource "aws_iam_policy" "app" {\n' +
      '  name   = "app-least-privilege"\n' +
      '  policy = jsonencode({\n' +
      '    Version = "2012-10-17"\n' +
      '    Statement = [{\n' +
      '      Effect   = "Allow"\n' +
      '      Action   = ["s3:GetObject", "s3:PutObject"]\n' +
      '      Resource = "arn:aws:s3:::app-bucket/*"\n' +
      '    }]\n' +
      '  })\n' +
      '}',
  },
  sql: `
WITH pol AS (
  SELECT uid, name, config, json_type(config, '$.Document') AS doc_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::ManagedPolicy'
), admin AS (
  SELECT policy_uid,
         count(DISTINCT statement_index) AS statements,
         group_concat(DISTINCT 'statement ' || (statement_index + 1) || coalesce(' (Sid ' || sid || ')', '')) AS which,
         json_group_array(DISTINCT json(statement)) AS statements_json
  FROM aws_iam_policy_statements
  WHERE snapshot_id = @snapshot_id AND effect = 'Allow' AND action IN ('*', '*:*') AND resource = '*'
  GROUP BY policy_uid
)
SELECT pol.uid AS resource_uid,
  CASE WHEN pol.doc_type IS NULL THEN 'error' WHEN admin.policy_uid IS NOT NULL THEN 'fail' ELSE 'pass' END AS status,
  CASE
    WHEN pol.doc_type IS NULL THEN 'The policy document of ' || pol.name || ' was not collected (GetPolicyVersion failed)'
    WHEN admin.policy_uid IS NOT NULL THEN
      'Policy ' || pol.name || ' allows Action "*" on Resource "*" in ' || admin.which || '; it is attached to ' ||
      coalesce(json_extract(pol.config, '$.AttachmentCount'), 'an unknown number of') || ' identities'
    ELSE 'Policy ' || pol.name || ' has no statement allowing Action "*" on Resource "*"'
  END AS reason,
  json_object('DefaultVersionId', json_extract(pol.config, '$.DefaultVersionId'),
              'AttachmentCount', json_extract(pol.config, '$.AttachmentCount'),
              'AdminStatements', json(coalesce(admin.statements_json, '[]'))) AS evidence
FROM pol LEFT JOIN admin ON admin.policy_uid = pol.uid`,
};

export const iamChecks: readonly CheckDefinition[] = [
  iamRootMfa,
  iamNoRootAccessKey,
  iamUserConsoleMfa,
  iamAccessKeyUnused,
  iamAccessKeyRotation,
  iamPasswordPolicyStrong,
  iamCustomerPolicyNoAdmin,
];
