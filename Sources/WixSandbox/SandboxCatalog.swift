/// Every tool the sandbox serves, with its handler.
enum SandboxCatalog {
    static let endpoints: [Endpoint] =
        ProductsResource.endpoints + OrdersResource.endpoints + MembersResource.endpoints
        + ContactsResource.endpoints + DataCollectionsResource.endpoints + TasksResource.endpoints
        + BookingsResource.endpoints
}
