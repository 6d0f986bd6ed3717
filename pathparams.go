package bigcommerce

import "strings"

// checkPath refuses path ids below 1 before anything is sent. names lists
// what the ids are, comma-separated and in order ("product id, image id"),
// so the error says which one is wrong.
func checkPath(op, names string, ids ...int) error {
	parts := strings.Split(names, ", ")
	for i, id := range ids {
		what := "id"
		if i < len(parts) {
			what = parts[i]
		}
		if err := checkID(op, what, id); err != nil {
			return err
		}
	}
	return nil
}

// checkPathText refuses an empty text path parameter (a coupon code, a
// metafield namespace) before anything is sent: the path would name the
// collection instead of one record.
func checkPathText(op, what, value string) error {
	if strings.TrimSpace(value) == "" {
		return invalid(op, "%s is empty", what)
	}
	return nil
}
