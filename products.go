package bigcommerce

// ProductsService is reached through Client.Products.
type ProductsService service
