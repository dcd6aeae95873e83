// The demo Azure estate's fictional tenant and subscription ids, in one place: the estate (./estate.ts) and each
// group's data (./data/*.ts) build on them, and main/evidence/demo-snapshot.ts lists them as demo ids.
export const NORTHWIND_TENANT_ID = '7d1e6b2a-4c3f-4e8d-9a51-0b6c2f9e4d17';
export const NORTHWIND_PROD_SUBSCRIPTION = '3f9a2c71-8e4b-4d06-b5a2-6c1d9e0f7a34';
export const NORTHWIND_DEV_SUBSCRIPTION = 'b8e4d0c2-19a7-4f3e-8c65-2d7f1a9b3e58';
export const RESEARCH_TENANT_ID = 'c41f8e27-6b3d-4a92-9e15-7f0a2d8c5b63';
export const RESEARCH_SANDBOX_SUBSCRIPTION = 'e6a3b9d1-54c2-4f7e-a81d-3c9f0b7e2a46';
