/* ---
id: elbv2_insecure_ssl_ciphers
title: Load balancer HTTPS and TLS listeners use a TLS 1.2+ security policy
severity: medium
provider: aws
service: elbv2
resource_type: AWS::ElasticLoadBalancingV2::LoadBalancer
rationale: >-
  A listener's security policy decides which protocol versions and ciphers clients may negotiate. Policies such
  as ELBSecurityPolicy-2016-08 (the default outside the console) still accept TLS 1.0 and 1.1 and CBC ciphers
  with known weaknesses. Passing means every HTTPS or TLS listener uses one of the predefined policies listed in
  this check's query that allow TLS 1.2 or later only (the TLS13-1-2 and TLS13-1-3 families, their FIPS and
  post-quantum variants, TLS-1-2-2017-01, TLS-1-2-Ext-2018-06 and the FS-1-2 family).
remediation:
  console: >-
    EC2 console > Load Balancers > the load balancer > Listeners: select the HTTPS or TLS listener > Edit
    listener > Security policy: choose ELBSecurityPolicy-TLS13-1-2-2021-06 (or a stricter policy), save.
  cli: |-
    aws elbv2 modify-listener --listener-arn <listener-arn> --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06
  terraform: |-
    resource "aws_lb_listener" "https" {
      load_balancer_arn = aws_lb.this.arn
      port              = 443
      protocol          = "HTTPS"
      ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
      certificate_arn   = aws_acm_certificate.this.arn
      default_action {
        type             = "forward"
        target_group_arn = aws_lb_target_group.this.arn
      }
    }
references:
  - title: "AWS Security Hub control ELB.17: Application and Network Load Balancers with listeners should use recommended security policies"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-17
  - title: "Elastic Load Balancing User Guide: Security policies for your Application Load Balancer"
    url: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
frameworks:
  soc2-2017: [CC6.7]
  pci-dss-4.0.1: [4.2.1]
  iso27001-2022: [A.8.24]
--- */
WITH modern(policy) AS (
  -- Predefined ELB security policies whose minimum protocol is TLS 1.2.
  VALUES
    ('ELBSecurityPolicy-TLS13-1-2-2021-06'), ('ELBSecurityPolicy-TLS13-1-2-Res-2021-06'),
    ('ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06'), ('ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06'),
    ('ELBSecurityPolicy-TLS13-1-3-2021-06'),
    ('ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04'), ('ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04'),
    ('ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04'), ('ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04'),
    ('ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04'), ('ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04'),
    ('ELBSecurityPolicy-TLS13-1-2-PQ-2025-09'), ('ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09'),
    ('ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09'), ('ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09'),
    ('ELBSecurityPolicy-TLS13-1-3-PQ-2025-09'), ('ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09'),
    ('ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09'), ('ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09'),
    ('ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09'), ('ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09'),
    ('ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09'),
    ('ELBSecurityPolicy-TLS-1-2-2017-01'), ('ELBSecurityPolicy-TLS-1-2-Ext-2018-06'),
    ('ELBSecurityPolicy-FS-1-2-2019-08'), ('ELBSecurityPolicy-FS-1-2-Res-2019-08'),
    ('ELBSecurityPolicy-FS-1-2-Res-2020-10')
), tls AS (
  -- Every HTTPS / TLS listener with its policy.
  SELECT r.uid, json_extract(l.value, '$.Port') AS port, json_extract(l.value, '$.Protocol') AS protocol,
         json_extract(l.value, '$.SslPolicy') AS policy
  FROM resources AS r, json_each(r.config, '$.Listeners') AS l
  WHERE r.snapshot_id = @snapshot_id AND r.type = 'AWS::ElasticLoadBalancingV2::LoadBalancer'
    AND json_extract(l.value, '$.Protocol') IN ('HTTPS', 'TLS')
), lb AS (
  SELECT r.uid, r.name, json_type(r.config, '$.Listeners') AS listeners_type,
         (SELECT count(*) FROM tls WHERE tls.uid = r.uid) AS secured,
         (SELECT group_concat(tls.protocol || ' ' || coalesce(tls.port, '?') || ' (' || tls.policy || ')', ', ')
            FROM tls WHERE tls.uid = r.uid AND tls.policy IS NOT NULL
             AND tls.policy NOT IN (SELECT policy FROM modern)) AS weak,
         (SELECT group_concat(tls.protocol || ' ' || coalesce(tls.port, '?'), ', ')
            FROM tls WHERE tls.uid = r.uid AND tls.policy IS NULL) AS unknown,
         (SELECT group_concat(DISTINCT tls.policy) FROM tls WHERE tls.uid = r.uid) AS policies
  FROM resources AS r
  WHERE r.snapshot_id = @snapshot_id AND r.type = 'AWS::ElasticLoadBalancingV2::LoadBalancer'
)
SELECT uid AS resource_uid,
  CASE
    WHEN listeners_type IS NOT 'array' THEN 'error'
    WHEN weak IS NOT NULL THEN 'fail'
    WHEN unknown IS NOT NULL THEN 'error'
    WHEN secured = 0 THEN 'n/a'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN listeners_type IS NOT 'array' THEN 'Listeners of load balancer ' || name || ' were not collected (DescribeListeners failed)'
    WHEN weak IS NOT NULL THEN 'Load balancer ' || name || ' has listener(s) with a policy that allows TLS older than 1.2: ' || weak
    WHEN unknown IS NOT NULL THEN 'Security policy of listener(s) ' || unknown || ' of load balancer ' || name || ' was not reported'
    WHEN secured = 0 THEN 'Load balancer ' || name || ' has no HTTPS or TLS listener'
    ELSE 'Every HTTPS/TLS listener of load balancer ' || name || ' uses a TLS 1.2+ policy (' || policies || ')'
  END AS reason,
  json_object('TlsListeners', (SELECT json_group_array(json_object('Port', port, 'Protocol', protocol, 'SslPolicy', policy))
                               FROM tls WHERE tls.uid = lb.uid)) AS evidence
FROM lb;
