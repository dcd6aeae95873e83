// Element helpers of the EC2 query protocol's responses: every list is a wrapper of <item> elements, and
// tags are a tagSet of <item><key/><value/></item>.
export const items = <T>(list: T[]) => ({ item: list });

export const tagSet = (tags: Record<string, string> | undefined) =>
  items(Object.entries(tags ?? {}).map(([key, value]) => ({ key, value })));
