/* ---
id: elbv2_ssl_listeners
title: Application Load Balancer listeners use HTTPS or redirect HTTP to HTTPS
severity: medium
provider: aws
service: elbv2
resource_type: AWS::ElasticLoadBalancingV2::LoadBalancer
rationale: >-
  A plain-HTTP listener that forwards requests sends credentials, session cookies and data in the clear between
  the client and the load balancer. An HTTP listener is acceptable only when its default action redirects to
  HTTPS, so every request that carries data arrives over TLS. Applies to Application Load Balancers; Network and
  Gateway Load Balancers are judged by the TLS policy check instead.
remediation:
  console: >-
    EC2 console > Load Balancers > the load balancer > Listeners and rules: add an HTTPS listener with a
    certificate, then edit the HTTP listener's default action to "Redirect to URL" with protocol HTTPS, port 443,
    status code 301.
  cli: |-
    aws elbv2 modify-listener --listener-arn <http-listener-arn> --default-actions 'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'
  terraform: |-
    resource "aws_lb_listener" "http" {
      load_balancer_arn = aws_lb.this.arn
      port              = 80
      protocol          = "HTTP"
      default_action {
        type = "redirect"
        redirect {
          protocol    = "HTTPS"
          port        = "443"
          status_code = "HTTP_301"
        }
      }
    }
references:
  - title: "AWS Security Hub control ELB.1: Application Load Balancer should be configured to redirect all HTTP requests to HTTPS"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-1
  - title: "Elastic Load Balancing User Guide: Listener rules for your Application Load Balancer (redirect actions)"
    url: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html
frameworks:
  soc2-2017: [CC6.7]
  pci-dss-4.0.1: [4.2.1]
  iso27001-2022: [A.8.24]
--- */
WITH lb AS (
  SELECT uid, name, config, json_extract(config, '$.Type') AS lb_type,
         json_type(config, '$.Listeners') AS listeners_type,
         (SELECT count(*) FROM json_each(config, '$.Listeners')) AS listeners,
         -- HTTP listeners whose default actions do not include a redirect to HTTPS.
         (SELECT group_concat(coalesce(json_extract(l.value, '$.Port'), '?'), ', ')
            FROM json_each(config, '$.Listeners') AS l
           WHERE json_extract(l.value, '$.Protocol') = 'HTTP'
             AND json_type(l.value, '$.DefaultActions') = 'array'
             AND NOT EXISTS (SELECT 1 FROM json_each(l.value, '$.DefaultActions') AS a
                              WHERE json_extract(a.value, '$.Type') = 'redirect'
                                AND json_extract(a.value, '$.RedirectConfig.Protocol') = 'HTTPS')) AS plain_ports,
         -- Listeners whose protocol, or (for HTTP) whose default actions, were not reported.
         (SELECT count(*) FROM json_each(config, '$.Listeners') AS l
           WHERE json_extract(l.value, '$.Protocol') IS NULL
              OR (json_extract(l.value, '$.Protocol') = 'HTTP' AND json_type(l.value, '$.DefaultActions') IS NOT 'array')) AS unknown_protocol
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::ElasticLoadBalancingV2::LoadBalancer'
)
SELECT uid AS resource_uid,
  CASE
    WHEN lb_type IS NULL THEN 'error'
    WHEN lb_type <> 'application' THEN 'n/a'
    WHEN listeners_type IS NOT 'array' THEN 'error'
    WHEN plain_ports IS NOT NULL THEN 'fail'
    WHEN unknown_protocol > 0 THEN 'error'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN lb_type IS NULL THEN 'Type of load balancer ' || name || ' was not reported'
    WHEN lb_type <> 'application' THEN 'Load balancer ' || name || ' is a ' || lb_type || ' load balancer, not an Application Load Balancer'
    WHEN listeners_type IS NOT 'array' THEN 'Listeners of load balancer ' || name || ' were not collected (DescribeListeners failed)'
    WHEN plain_ports IS NOT NULL
      THEN 'Load balancer ' || name || ' serves plain HTTP without redirecting to HTTPS on port(s) ' || plain_ports
    WHEN unknown_protocol > 0 THEN 'Protocol or default action of ' || unknown_protocol || ' listener(s) of load balancer ' || name || ' was not reported'
    WHEN listeners = 0 THEN 'Load balancer ' || name || ' has no listener, so it accepts no traffic'
    ELSE 'Every listener of load balancer ' || name || ' uses HTTPS or redirects HTTP to HTTPS'
  END AS reason,
  json_object('Type', lb_type, 'Listeners', (SELECT json_group_array(json_object('Port', json_extract(l.value, '$.Port'),
                'Protocol', json_extract(l.value, '$.Protocol'), 'DefaultActions', json_extract(l.value, '$.DefaultActions')))
              FROM json_each(config, '$.Listeners') AS l)) AS evidence
FROM lb;
