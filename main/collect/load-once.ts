// A lazily loaded module (or any one-time async work), shared: concurrent callers share the first load, and a
// load that failed is tried again by the next caller instead of failing for the life of the process. Used by
// the AWS SDK loader (main/collect/aws/sdk-loader.ts) and the @azure/identity loader
// (main/collect/azure/identity-loader.ts).
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    }));
}
