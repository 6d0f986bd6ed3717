package bigcommerce

// OrdersService is reached through Client.Orders.
type OrdersService service
