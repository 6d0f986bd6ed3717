package bigcommercetest

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// Seed says what data a store is filled with ([WithSeed], [Store.Seed]):
// realistic generated customers, products with variants and stock, and
// orders with line items, shipping addresses and transactions. Equal
// values give equal data, down to the JSON.
type Seed struct {
	// Seed drives the pseudo-random generator.
	Seed int64
	// Customers is the number of customers (each with one address).
	Customers int
	// Products is the number of products.
	Products int
	// VariantsPerProduct is the number of option variants per product; 0 or
	// 1 makes simple products tracked by product (with one base variant),
	// more makes products tracked by variant with a "Size" option.
	VariantsPerProduct int
	// Orders is the number of orders.
	Orders int
	// LineItemsPerOrder fixes the number of line items per order; 0 means 1
	// to 3.
	LineItemsPerOrder int
	// Locations is the number of inventory locations (at least 1; location 1
	// is the default).
	Locations int
	// Start, when set, is the end of the generated dates: they fall in the
	// year before it, the same whatever the store's clock. When zero, the
	// dates are recent: they fall in the 30 days before the store's clock
	// (Config.Now) at the time of seeding, so that "modified in the last
	// day" finds records, and are the same for a given Seed when the clock
	// is fixed. Either way creation dates grow with the ids, each record in
	// its own second, and lie closer together towards the end (the newest
	// records of each kind within the last day), as in a growing store.
	Start time.Time
}

// SeedOptions is the former name of [Seed], kept for existing callers.
type SeedOptions = Seed

var (
	firstNames = []string{"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
		"William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Daniel", "Nancy",
		"Matthew", "Lisa", "Anthony", "Betty", "Mark", "Sandra", "Steven", "Ashley", "Paul", "Emily", "Andrew", "Donna", "Joshua",
		"Michelle", "Kevin", "Carol", "Brian", "Amanda", "Priya", "Wei", "Sofia", "Mateo", "Aisha", "Lucas", "Yuki", "Omar"}
	lastNames = []string{"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
		"Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez",
		"Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King",
		"Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Patel", "Chen", "Kim", "Okafor", "Schmidt", "Rossi"}
	companies = []string{"Acme Corp", "Globex", "Initech", "Umbrella Supplies", "Stark Retail", "Wayne Outfitters",
		"Hooli", "Vandelay Industries", "Soylent Foods", "Pied Piper", "Dunder Mifflin", "Wonka Sweets"}
	streets = []string{"Main St", "Oak Ave", "Pine Rd", "Maple Dr", "Cedar Ln", "Elm St", "Lake View Blvd", "Hillcrest Rd",
		"Sunset Blvd", "River Rd", "Park Ave", "2nd St", "Washington Ave", "Church St", "Highland Ave"}
	cities = []struct{ city, state, zip, country string }{
		{"Austin", "Texas", "78701", "US"}, {"Denver", "Colorado", "80202", "US"}, {"Seattle", "Washington", "98101", "US"},
		{"Chicago", "Illinois", "60601", "US"}, {"Boston", "Massachusetts", "02108", "US"}, {"Miami", "Florida", "33101", "US"},
		{"Portland", "Oregon", "97201", "US"}, {"Atlanta", "Georgia", "30303", "US"}, {"Phoenix", "Arizona", "85001", "US"},
		{"New York", "New York", "10001", "US"}, {"San Diego", "California", "92101", "US"}, {"Nashville", "Tennessee", "37201", "US"},
		{"Toronto", "Ontario", "M5H 2N2", "CA"}, {"Vancouver", "British Columbia", "V6B 1A1", "CA"},
		{"London", "Greater London", "SW1A 1AA", "GB"}, {"Manchester", "Greater Manchester", "M1 1AE", "GB"},
		{"Sydney", "New South Wales", "2000", "AU"}, {"Melbourne", "Victoria", "3000", "AU"},
	}
	adjectives = []string{"Rustic", "Ergonomic", "Sleek", "Handcrafted", "Vintage", "Modern", "Classic", "Compact", "Deluxe",
		"Lightweight", "Premium", "Everyday", "Organic", "Durable", "Elegant", "Minimalist"}
	materials = []string{"Cotton", "Leather", "Steel", "Oak", "Bamboo", "Ceramic", "Linen", "Wool", "Copper", "Glass",
		"Canvas", "Walnut", "Marble", "Silk"}
	nouns = []string{"Chair", "Mug", "Backpack", "Lamp", "Journal", "Tote Bag", "Water Bottle", "Scarf", "Jacket", "Candle",
		"Planter", "Notebook", "Wallet", "Blanket", "Cutting Board", "Sunglasses", "Headphones", "Watch", "Sneakers", "Hat"}
	sizeLabels       = []string{"XS", "S", "M", "L", "XL", "XXL", "3XL"}
	locationNames    = []string{"Austin Warehouse", "Denver Warehouse", "Chicago Store", "Seattle Warehouse", "Boston Store", "Miami Store"}
	paymentMethods   = []string{"Credit Card", "PayPal", "Test Payment Gateway", "Cash", "Apple Pay"}
	shippingCosts    = []money{0, 59900, 99900, 129900}
	statusWeights    = []struct{ id, weight int }{{10, 30}, {11, 20}, {2, 20}, {7, 8}, {9, 5}, {1, 4}, {5, 4}, {4, 2}, {3, 2}, {0, 2}, {14, 1}, {6, 1}, {12, 1}}
	statusWeightsSum = 100
)

// Seed replaces the store's data with deterministic generated data: the
// same options always give the same data (and the same JSON), given the same
// clock when opts.Start is zero. Request log, rate window and faults are
// kept.
func (s *Store) Seed(opts SeedOptions) {
	end, span := opts.Start.UTC().Truncate(time.Second), 365*24*time.Hour
	if opts.Start.IsZero() {
		end, span = s.now(), recentSpan
	}
	g := &seeder{
		r:    rand.New(rand.NewPCG(uint64(opts.Seed), uint64(opts.Seed)^0x9e3779b97f4a7c15)),
		end:  end,
		span: span,
		hash: s.cfg.StoreHash,
	}
	d := newData(end.Add(-span))
	g.d = d
	g.locations(max(opts.Locations, 1))
	g.customers(opts.Customers)
	g.products(opts.Products, opts.VariantsPerProduct)
	g.orders(opts.Orders, opts.LineItemsPerOrder)

	s.mu.Lock()
	s.db = d
	s.mu.Unlock()
}

// recentSpan is how far back the dates of a store go when Seed.Start is
// zero; New dates an empty store's fixed records that far back too.
const recentSpan = 30 * 24 * time.Hour

// seeder generates data into d.
type seeder struct {
	r    *rand.Rand
	d    *data
	end  time.Time     // every generated date is before it
	span time.Duration // and no more than span before it
	hash string
}

func (g *seeder) pick(list []string) string { return list[g.r.IntN(len(list))] }

// created returns the creation date of the i-th of n records of a kind
// (0 is the oldest), from one random draw. Dates grow with i, at least one
// second apart, and lie closer together towards the end: a record's age is
// its rank from the newest plus span times the square of its jittered
// fraction of n, so about a fifth of a 30-day store's records (a twentieth
// of a year's) were created in its last day. The newest is always created
// in the last day, however few records there are.
func (g *seeder) created(i, n int) time.Time {
	const day = int64(24 * 3600)
	u := g.r.Float64()
	x := (float64(n-i) - u) / float64(n) // in (0, 1], falling with i
	room := max(int64(g.span/time.Second)-int64(n), 0)
	spread := int64(float64(room) * x * x)
	if i == n-1 {
		spread = min(spread, int64(u*float64(day-1)))
	}
	return g.end.Add(-time.Duration(int64(n-i)+spread) * time.Second)
}

// after returns a time from t to just before the end, from one random draw.
func (g *seeder) after(t time.Time) time.Time {
	span := int64(g.end.Sub(t) / time.Second)
	if span <= 0 {
		return t
	}
	return t.Add(time.Duration(g.r.Int64N(span)) * time.Second)
}

func (g *seeder) uuid() string {
	const hex = "0123456789abcdef"
	b := make([]byte, 36)
	for i := range b {
		switch i {
		case 8, 13, 18, 23:
			b[i] = '-'
		case 14:
			b[i] = '4'
		default:
			b[i] = hex[g.r.IntN(16)]
		}
	}
	return string(b)
}

func (g *seeder) locations(n int) {
	d := g.d
	for i := 2; i <= n; i++ {
		c := cities[(i-2)%12]
		created := g.created(i-2, n-1)
		label := locationNames[(i-2)%len(locationNames)]
		if i-2 >= len(locationNames) {
			label += " " + strconv.Itoa(i)
		}
		d.addLocation(&location{
			ID: i, Code: "BC-LOCATION-" + strconv.Itoa(i), Label: label, Description: label + " fulfilment centre",
			TypeID: "PHYSICAL", Enabled: true, OperatingHours: weekdayHours(), TimeZone: "America/Chicago",
			CreatedAt: created, UpdatedAt: g.after(created), StorefrontVisibility: true, SpecialHours: []specialHours{},
			Address: locationAddress{Address1: strconv.Itoa(100+g.r.IntN(9900)) + " " + g.pick(streets), City: c.city,
				State: c.state, Zip: c.zip, Email: "location" + strconv.Itoa(i) + "@example.com", Phone: g.phone(), CountryCode: c.country},
		})
	}
}

func (g *seeder) phone() string {
	return "555-" + strconv.Itoa(100+g.r.IntN(900)) + "-" + strconv.Itoa(1000+g.r.IntN(9000))
}

func (g *seeder) customers(n int) {
	d := g.d
	domains := []string{"example.com", "example.net", "example.org"}
	channels := []int{1}
	d.customerIDs = make([]int, 0, n)
	d.addressIDs = make([]int, 0, n)
	for i := 0; i < n; i++ {
		id := d.nextCustomer
		d.nextCustomer++
		fn, ln := g.pick(firstNames), g.pick(lastNames)
		created := g.created(i, n)
		cu := &customer{
			ID: id, FirstName: fn, LastName: ln,
			Email:                 strings.ToLower(fn) + "." + strings.ToLower(ln) + strconv.Itoa(id) + "@" + domains[g.r.IntN(len(domains))],
			Phone:                 g.phone(),
			RegistrationIPAddress: "198.51.100." + strconv.Itoa(1+g.r.IntN(254)),
			CustomerGroupID:       g.r.IntN(4),
			DateCreated:           created, DateModified: g.after(created),
			AcceptsProductReviewAbandonedCartEmails: g.r.IntN(2) == 0,
			OriginChannelID:                         1, ChannelIDs: channels,
		}
		if g.r.IntN(10) < 3 {
			cu.Company = g.pick(companies)
		}
		if g.r.IntN(20) == 0 {
			cu.storeCredit = float64(5 * (1 + g.r.IntN(10)))
		}
		d.addCustomer(cu)
		c := cities[g.r.IntN(len(cities))]
		d.addAddress(&address{
			CustomerID: id, FirstName: fn, LastName: ln, Company: cu.Company,
			Address1: strconv.Itoa(1+g.r.IntN(9999)) + " " + g.pick(streets), City: c.city, StateOrProvince: c.state,
			PostalCode: c.zip, CountryCode: c.country, Country: countryName(c.country), Phone: cu.Phone,
			AddressType: []string{"residential", "commercial"}[boolInt(cu.Company != "")],
		})
	}
}

// round2 rounds to cents.
func round2(f float64) float64 { return math.Round(f*100) / 100 }

func (g *seeder) products(n, variantsPer int) {
	d := g.d
	for i := 0; i < n; i++ {
		id := d.nextProduct
		d.nextProduct++
		adj, mat, noun := g.pick(adjectives), g.pick(materials), g.pick(nouns)
		price := float64(5+g.r.IntN(296)) - []float64{0.01, 0.05, 0}[g.r.IntN(3)]
		created := g.created(i, n)
		p := newProductDefaults()
		p.ID = id
		p.Name = adj + " " + mat + " " + noun + " " + strconv.Itoa(id)
		p.Type = "physical"
		if g.r.IntN(10) == 0 {
			p.Type = "digital"
		}
		p.SKU = "SKU-" + pad6(id)
		p.Description = "<p>A " + strings.ToLower(adj) + " " + strings.ToLower(noun) + " made of " + strings.ToLower(mat) + ".</p>"
		p.Price = price
		p.CostPrice = round2(price * (0.35 + g.r.Float64()*0.25))
		if g.r.IntN(10) < 3 {
			p.RetailPrice = round2(price * 1.25)
		}
		if g.r.IntN(5) == 0 {
			p.SalePrice = round2(price * 0.9)
		}
		p.Weight = float64(1+g.r.IntN(200)) / 10
		p.Width, p.Height, p.Depth = float64(1+g.r.IntN(30)), float64(1+g.r.IntN(30)), float64(1+g.r.IntN(30))
		p.Categories = []int{18 + g.r.IntN(8)}
		if g.r.IntN(3) == 0 {
			p.Categories = append(p.Categories, 26+g.r.IntN(4))
		}
		p.BrandID = g.r.IntN(6)
		p.IsVisible = g.r.IntN(10) != 0
		p.IsFeatured = g.r.IntN(10) == 0
		p.IsFreeShipping = g.r.IntN(8) == 0
		p.InventoryWarningLevel = 5
		p.TotalSold = g.r.IntN(500)
		p.ViewCount = g.r.IntN(5000)
		p.SearchKeywords = strings.ToLower(mat + "," + noun)
		p.UPC = strconv.Itoa(100000000000 + id)
		p.MPN = "MPN-" + pad6(id)
		p.DateCreated, p.DateModified = created, g.after(created)
		p.CustomURL = customURL{URL: "/" + slug(p.Name) + "/"}
		p.images = []image{{
			ID: id, ProductID: id, IsThumbnail: true, Description: p.Name,
			ImageFile: "products/" + strconv.Itoa(id) + "/" + slug(p.Name) + ".jpg",
			URLZoom:   g.imageURL(id, "1280x1280"), URLStandard: g.imageURL(id, "500x659"),
			URLThumbnail: g.imageURL(id, "220x290"), URLTiny: g.imageURL(id, "44x58"), DateModified: p.DateModified,
		}}
		p.customFields = []customField{{ID: id, Name: "Material", Value: mat}}
		if variantsPer > 1 {
			p.InventoryTracking = "variant"
		} else {
			p.InventoryTracking = "product"
		}
		d.addProduct(p)
		if variantsPer <= 1 {
			v := &variant{ProductID: id, SKU: p.SKU, OptionValues: []variantOptionValue{}}
			d.addVariant(v)
			g.stock(v.ID)
			continue
		}
		for j := 0; j < variantsPer; j++ {
			label := "Size " + strconv.Itoa(j+1)
			if j < len(sizeLabels) {
				label = sizeLabels[j]
			}
			v := &variant{ProductID: id, SKU: p.SKU + "-" + strings.ReplaceAll(label, " ", "")}
			if j >= 3 {
				vp := round2(price + float64(j-2)*2)
				v.Price = &vp
			}
			v.OptionValues = d.ensureOptions(p, []variantOptionValue{{OptionDisplayName: "Size", Label: label}})
			d.addVariant(v)
			sid := v.ID + 1000
			v.SKUID = &sid
			g.stock(v.ID)
		}
	}
}

func (g *seeder) imageURL(id int, size string) string {
	return "https://cdn11.bigcommerce.com/s-" + g.hash + "/images/stencil/" + size + "/products/" + strconv.Itoa(id) + "/" + strconv.Itoa(id) + "/image.jpg"
}

// stock gives a variant stock at every location.
func (g *seeder) stock(variantID int) {
	for _, lid := range g.d.locationIDs {
		q := g.r.IntN(101)
		if g.r.IntN(20) == 0 {
			q = 0
		}
		g.d.stock[stockKey{variantID, lid}] = &stockRecord{onHand: q, inStock: true, warning: 5}
	}
}

func pad6(n int) string {
	s := strconv.Itoa(n)
	if len(s) >= 6 {
		return s
	}
	return strings.Repeat("0", 6-len(s)) + s
}

func (g *seeder) status() int {
	n := g.r.IntN(statusWeightsSum)
	for _, sw := range statusWeights {
		if n < sw.weight {
			return sw.id
		}
		n -= sw.weight
	}
	return 11
}

func (g *seeder) orders(n, linesPer int) {
	d := g.d
	for i := 0; i < n; i++ {
		id := d.nextOrder
		d.nextOrder++
		created := g.created(i, n)
		// Modified within ten days of its creation, and before the end.
		delay := g.r.Int64N(10 * 24 * 3600)
		if left := int64(g.end.Sub(created) / time.Second); delay >= left {
			delay %= left
		}
		modified := created.Add(time.Duration(delay) * time.Second)
		statusID := g.status()
		o := &order{
			ID: id, DateCreated: v2time{created}, DateModified: v2time{modified}, StatusID: statusID,
			PaymentMethod: g.pick(paymentMethods), CurrencyID: 1, CurrencyCode: "USD", CurrencyExchangeRate: 1,
			DefaultCurrencyID: 1, DefaultCurrencyCode: "USD", EbayOrderID: "0", CartID: g.uuid(),
			OrderSource: "www", ChannelID: 1, TaxProviderID: "BasicTaxProvider", StoreDefaultCurrencyCode: "USD",
			StoreDefaultToTransactionalExchangeRate: 1, CustomerLocale: "en",
			IPAddress: "203.0.113." + strconv.Itoa(1+g.r.IntN(254)),
		}
		if g.r.IntN(10) == 0 {
			o.ChannelID = 2
			o.OrderSource = "external"
		}
		o.Status, o.CustomStatus = orderStatuses[statusID].Name, orderStatuses[statusID].Name
		var bill billingAddress
		if len(d.customerIDs) > 0 && g.r.IntN(10) != 0 {
			cu := d.customers[d.customerIDs[g.r.IntN(len(d.customerIDs))]]
			o.CustomerID = cu.ID
			a := d.addresses[cu.addressIDs[0]]
			bill = billingAddress{FirstName: cu.FirstName, LastName: cu.LastName, Company: cu.Company, Street1: a.Address1,
				City: a.City, State: a.StateOrProvince, Zip: a.PostalCode, Country: a.Country, CountryISO2: a.CountryCode,
				Phone: cu.Phone, Email: cu.Email}
		} else {
			fn, ln := g.pick(firstNames), g.pick(lastNames)
			c := cities[g.r.IntN(len(cities))]
			bill = billingAddress{FirstName: fn, LastName: ln, Street1: strconv.Itoa(1+g.r.IntN(9999)) + " " + g.pick(streets),
				City: c.city, State: c.state, Zip: c.zip, Country: countryName(c.country), CountryISO2: c.country,
				Phone: g.phone(), Email: strings.ToLower(fn) + ".guest" + strconv.Itoa(id) + "@example.com"}
		}
		bill.FormFields = []formField{}
		o.BillingAddress = bill
		o.GeoipCountry, o.GeoipCountryISO2 = bill.Country, bill.CountryISO2
		o.shipTo = []*orderShippingAddress{newOrderShippingAddress(d.nextOrderAddress, id, bill)}
		d.nextOrderAddress++
		o.shipTo[0].ShippingMethod = "Flat Rate"

		lines := linesPer
		if lines <= 0 {
			lines = 1 + g.r.IntN(3)
		}
		for j := 0; j < lines; j++ {
			o.lines = append(o.lines, g.line(o))
		}
		ship := shippingCosts[g.r.IntN(len(shippingCosts))]
		w := orderWrite{BaseShippingCost: &ship}
		if g.r.IntN(10) == 0 {
			disc := toMoney(5)
			w.DiscountAmount = &disc
			o.CouponDiscount = disc
		}
		o.recalculate(w)
		g.orderLifecycle(o, modified)
		d.addOrder(o)
	}
}

// line generates a line item for an order.
func (g *seeder) line(o *order) *orderProduct {
	d := g.d
	id := d.nextOrderProduct
	d.nextOrderProduct++
	qty := 1 + g.r.IntN(3)
	if len(d.productIDs) == 0 {
		price := toMoney(float64(5 + g.r.IntN(50)))
		l := &orderProduct{ID: id, OrderID: o.ID, Name: "Gift Card", NameCustomer: "Gift Card", NameMerchant: "Gift Card",
			Type: "giftcertificate", Quantity: qty, OrderAddressID: o.shipTo[0].ID, BasePrice: price, PriceExTax: price,
			PriceIncTax: price, AppliedDiscounts: []struct{}{}, ProductOptions: []orderProductOption{}, ConfigurableFields: []struct{}{}}
		l.setTotals()
		return l
	}
	p := d.products[d.productIDs[g.r.IntN(len(d.productIDs))]]
	pw := orderProductWrite{ProductID: &p.ID, Quantity: &qty}
	if len(p.variantIDs) > 0 {
		vid := p.variantIDs[g.r.IntN(len(p.variantIDs))]
		pw.VariantID = &vid
	}
	l, _ := d.newOrderLine(id, o, pw)
	// 8% sales tax.
	l.PriceIncTax = toMoney(round2(l.PriceExTax.float() * 1.08))
	l.PriceTax = l.PriceIncTax - l.PriceExTax
	l.setTotals()
	l.BinPickingNumber = "BIN-" + strconv.Itoa(1+g.r.IntN(200))
	l.Brand = "Fake Brand " + strconv.Itoa(p.BrandID)
	return l
}

// orderLifecycle sets shipping, payment and transactions for the status.
func (g *seeder) orderLifecycle(o *order, at time.Time) {
	d := g.d
	switch o.StatusID {
	case 2, 10, 3:
		n := len(o.lines)
		if o.StatusID == 3 && n > 1 {
			n = 1
		}
		sa := o.shipTo[0]
		sh := &shipment{
			ID: d.nextShipment, OrderID: o.ID, CustomerID: o.CustomerID, OrderAddressID: sa.ID, DateCreated: v2time{at},
			TrackingNumber: "1Z" + strings.ToUpper(strings.ReplaceAll(g.uuid(), "-", "")[:16]), ShippingMethod: "Flat Rate", ShippingProvider: "ups",
			BillingAddress: shipmentAddressOf(o.BillingAddress), ShippingAddress: shipmentAddressOf(o.BillingAddress),
		}
		d.nextShipment++
		sh.apply(shipmentWrite{})
		for _, l := range o.lines[:n] {
			if o.StatusID == 3 && l.Quantity > 1 && len(o.lines) == 1 {
				l.QuantityShipped = 1
			} else {
				l.QuantityShipped = l.Quantity
			}
			sh.Items = append(sh.Items, shipmentItem{OrderProductID: l.ID, ProductID: l.ProductID, Quantity: l.QuantityShipped})
		}
		o.shipments = []*shipment{sh}
		status := o.StatusID
		o.refreshShipped(at)
		o.StatusID, o.Status, o.CustomStatus = status, orderStatuses[status].Name, orderStatuses[status].Name
		o.DateModified = v2time{at}
	}
	switch o.StatusID {
	case 0, 1:
		o.PaymentStatus = ""
	case 7:
		o.PaymentStatus = "pending"
	case 6, 5:
		o.PaymentStatus = "declined"
		if o.StatusID == 5 {
			o.PaymentStatus = "void"
		}
	case 4:
		o.PaymentStatus = "refunded"
		o.RefundedAmount = o.TotalIncTax
	case 14:
		o.PaymentStatus = "partially refunded"
		o.RefundedAmount = toMoney(round2(o.TotalIncTax.float() / 2))
	default:
		o.PaymentStatus = "captured"
	}
	if o.PaymentStatus == "" || o.PaymentStatus == "pending" || o.StatusID == 6 {
		return
	}
	tx := g.transaction(o, "purchase", o.TotalIncTax.float(), o.DateCreated.Time)
	o.transactions = append(o.transactions, tx)
	if o.RefundedAmount > 0 {
		ref := tx.ID
		rt := g.transaction(o, "refund", o.RefundedAmount.float(), at)
		rt.ReferenceTransactionID = &ref
		o.transactions = append(o.transactions, rt)
	}
}

func (g *seeder) transaction(o *order, event string, amount float64, at time.Time) *transaction {
	d := g.d
	id := d.nextTransaction
	d.nextTransaction++
	tx := &transaction{
		ID: id, OrderID: strconv.Itoa(o.ID), Event: event, Method: "credit_card", Amount: round2(amount),
		Currency: "USD", Gateway: "braintree", GatewayTransactionID: g.uuid()[:8], DateCreated: at,
		Status: "ok", PaymentMethodID: "braintree.card",
		AVSResult:  avsResult{Code: "M", Message: "Street address and postal code match", StreetMatch: "Match", PostalMatch: "Match"},
		CVVResult:  cvvResult{Code: "M", Message: "CVV matches"},
		CreditCard: &creditCard{CardType: "visa", CardIIN: "411111", CardLast4: "1111", CardExpiryMonth: 1 + g.r.IntN(12), CardExpiryYear: g.end.Year() + 1 + g.r.IntN(4)},
	}
	if o.PaymentMethod == "Cash" {
		tx.Method, tx.Gateway, tx.PaymentMethodID, tx.CreditCard = "offline", "custom", "cash", nil
	}
	return tx
}
