package bigcommerce

// InventoryService is reached through Client.Inventory.
type InventoryService service
