package bigcommerce

// CustomersService is reached through Client.Customers.
type CustomersService service
