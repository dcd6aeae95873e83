// The ec2 group's part of a replayable account (Estate.ec2Extras): the facts its replay responders render.
export type Ec2Extras = Record<string, unknown>;
