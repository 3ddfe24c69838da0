// Placeholder so the test projects that reference the AppHost build on the grpc-transport branch.
// The AppHost work replaces this file; drop this commit when merging it.
return;
