// The demo organisation's ec2 facts, per account id (see main/demo/estate/sections/ec2.ts for the shape).
import type { Ec2Extras } from '../sections/ec2';

export const EC2_ESTATE: Record<string, Ec2Extras> = {};
