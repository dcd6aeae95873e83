// Elastic Load Balancing v2 responses (AWS query protocol, 2015-12-01): lists as <member>, pages by Marker /
// NextMarker. Listener ARNs hang off their load balancer's ARN, as in AWS.
import type { Estate } from '../../estate/types';
import type { EstateListener, EstateLoadBalancer } from '../../estate/sections/app';
import { isoDaysAgo, queryError, queryOk } from '../wire';
import { pageOf, UnknownOperation, type Responder } from './types';

/** Load balancers / listeners per page (AWS: up to 400); small so the demo exercises pagination. */
const PAGE = 2;

/** A stable 16-hex-digit id from a name (AWS's ids are random; the demo's must not change between runs). */
function hexId(name: string): string {
  let h = 0x811c9dc5;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return (h.toString(16).padStart(8, '0') + ((h ^ 0x5bd1e995) >>> 0).toString(16).padStart(8, '0')).slice(
    0,
    16,
  );
}

const kind = (lb: EstateLoadBalancer) => (lb.type === 'application' ? 'app' : 'net');
const lbArn = (estate: Estate, lb: EstateLoadBalancer) =>
  `arn:aws:elasticloadbalancing:${lb.region}:${estate.accountId}:loadbalancer/${kind(lb)}/${lb.name}/${hexId(lb.name)}`;
const listenerArn = (estate: Estate, lb: EstateLoadBalancer, l: EstateListener) =>
  `arn:aws:elasticloadbalancing:${lb.region}:${estate.accountId}:listener/${kind(lb)}/${lb.name}/${hexId(lb.name)}/${hexId(`${lb.name}:${l.port}`)}`;
const targetGroupArn = (estate: Estate, lb: EstateLoadBalancer, l: EstateListener) =>
  `arn:aws:elasticloadbalancing:${lb.region}:${estate.accountId}:targetgroup/${lb.name.slice(0, 24)}-${l.port}/${hexId(`tg:${lb.name}:${l.port}`)}`;

function action(estate: Estate, lb: EstateLoadBalancer, l: EstateListener) {
  switch (l.action.type) {
    case 'redirect':
      return {
        Type: 'redirect',
        Order: 1,
        RedirectConfig: {
          Protocol: l.action.protocol,
          Port: l.action.port,
          Host: '#{host}',
          Path: '/#{path}',
          Query: '#{query}',
          StatusCode: 'HTTP_301',
        },
      };
    case 'fixed-response':
      return {
        Type: 'fixed-response',
        Order: 1,
        FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain' },
      };
    default:
      return { Type: 'forward', Order: 1, TargetGroupArn: targetGroupArn(estate, lb, l) };
  }
}

export const elbv2Responder: Responder = (estate, req) => {
  const balancers = (estate.appServices?.loadBalancers ?? []).filter((lb) => lb.region === req.region);
  const size = (param: unknown) => {
    const n = Number(param);
    return Number.isFinite(n) && n > 0 ? Math.min(n, PAGE) : PAGE;
  };
  switch (req.operation) {
    case 'DescribeLoadBalancers': {
      const { page, next } = pageOf(balancers, req.params.Marker, size(req.params.PageSize));
      return queryOk('elasticloadbalancing', 'DescribeLoadBalancers', {
        LoadBalancers: {
          member: page.map((lb) => ({
            LoadBalancerArn: lbArn(estate, lb),
            DNSName: `${lb.scheme === 'internal' ? 'internal-' : ''}${lb.name}-${hexId(lb.name).slice(0, 10)}.${lb.region}.elb.amazonaws.com`,
            CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
            CreatedTime: isoDaysAgo(req.now, lb.createdDaysAgo),
            LoadBalancerName: lb.name,
            Scheme: lb.scheme,
            VpcId: `vpc-0${hexId(lb.region).slice(0, 16)}`,
            State: { Code: 'active' },
            Type: lb.type,
            AvailabilityZones: {
              member: ['a', 'b'].map((z) => ({
                ZoneName: `${lb.region}${z}`,
                SubnetId: `subnet-0${hexId(lb.name + z)}`,
              })),
            },
            IpAddressType: 'ipv4',
          })),
        },
        ...(next ? { NextMarker: next } : {}),
      });
    }
    case 'DescribeListeners': {
      const lb = balancers.find((x) => lbArn(estate, x) === req.params.LoadBalancerArn);
      if (!lb) {
        return queryError(
          'elasticloadbalancing',
          400,
          'LoadBalancerNotFound',
          'One or more load balancers not found',
        );
      }
      const { page, next } = pageOf(lb.listeners, req.params.Marker, size(req.params.PageSize));
      return queryOk('elasticloadbalancing', 'DescribeListeners', {
        Listeners: {
          member: page.map((l) => ({
            ListenerArn: listenerArn(estate, lb, l),
            LoadBalancerArn: lbArn(estate, lb),
            Port: l.port,
            Protocol: l.protocol,
            ...(l.sslPolicy
              ? {
                  SslPolicy: l.sslPolicy,
                  Certificates: {
                    member: [
                      {
                        CertificateArn: `arn:aws:acm:${lb.region}:${estate.accountId}:certificate/${hexId(lb.name)}`,
                      },
                    ],
                  },
                }
              : {}),
            DefaultActions: { member: [action(estate, lb, l)] },
          })),
        },
        ...(next ? { NextMarker: next } : {}),
      });
    }
    default:
      throw new UnknownOperation();
  }
};
