package bigcommerce

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
)

const (
	// PriceListAssignmentBatchSize is the most assignments POST
	// /v3/pricelists/assignments accepts in one request ("The batch limit
	// for Price List Assignments is 25").
	PriceListAssignmentBatchSize = 25

	assignmentsPath = "/v3/pricelists/assignments"
)

// PriceListAssignment ties a price list to a customer group and/or a
// channel (AssignmentForGetResponse).
type PriceListAssignment struct {
	// ID is the assignment's id.
	ID int `json:"id"`
	// PriceListID is the price list.
	PriceListID int `json:"price_list_id"`
	// CustomerGroupID is the customer group; 0 when the assignment is for a
	// channel only.
	CustomerGroupID int `json:"customer_group_id"`
	// ChannelID is the channel; 0 when the assignment is for a customer
	// group only.
	ChannelID int `json:"channel_id"`
}

// PriceListAssignmentCreate is one assignment for CreateAssignments
// (AssignmentsForRequest). PriceListID is required, with CustomerGroupID,
// ChannelID or both.
type PriceListAssignmentCreate struct {
	// PriceListID is the price list (required).
	PriceListID int `json:"price_list_id"`
	// CustomerGroupID is the customer group.
	CustomerGroupID int `json:"customer_group_id,omitempty"`
	// ChannelID is the channel.
	ChannelID int `json:"channel_id,omitempty"`
}

// PriceListAssignmentFilter selects assignments for ListAssignments and
// AllAssignments (GET /v3/pricelists/assignments).
type PriceListAssignmentFilter struct {
	// ID keeps the assignment with this id.
	ID int `url:"id,omitempty"`
	// IDIn keeps these assignments (id:in).
	IDIn IntList `url:"id:in,omitempty"`
	// PriceListID keeps the assignments of this price list.
	PriceListID int `url:"price_list_id,omitempty"`
	// PriceListIDIn keeps the assignments of these price lists.
	PriceListIDIn IntList `url:"price_list_id:in,omitempty"`
	// CustomerGroupID keeps the assignments of this customer group.
	CustomerGroupID int `url:"customer_group_id,omitempty"`
	// CustomerGroupIDIn keeps the assignments of these customer groups.
	CustomerGroupIDIn IntList `url:"customer_group_id:in,omitempty"`
	// ChannelID keeps the assignments of this channel.
	ChannelID int `url:"channel_id,omitempty"`
	// ChannelIDIn keeps the assignments of these channels.
	ChannelIDIn IntList `url:"channel_id:in,omitempty"`
	// After asks for the page after this cursor.
	After string `url:"after,omitempty"`
	// Before asks for the page before this cursor (not with AllAssignments).
	Before string `url:"before,omitempty"`
	// Page is the 1-based page number; 0 means the first page.
	Page int `url:"page,omitempty"`
	// Limit is the page size (at most 250).
	Limit int `url:"limit,omitempty"`
}

func (f *PriceListAssignmentFilter) paging() (page, limit *int) { return &f.Page, &f.Limit }

// PriceListAssignmentDeleteFilter selects the assignments DeleteAssignments
// deletes. At least one field must be set ("You must use at least one
// query parameter").
type PriceListAssignmentDeleteFilter struct {
	// ID deletes the assignment with this id.
	ID int `url:"id,omitempty"`
	// PriceListID deletes the assignments of this price list.
	PriceListID int `url:"price_list_id,omitempty"`
	// CustomerGroupID deletes the assignments of this customer group.
	CustomerGroupID int `url:"customer_group_id,omitempty"`
	// ChannelID deletes the assignments of this channel.
	ChannelID int `url:"channel_id,omitempty"`
	// ChannelIDIn deletes the assignments of these channels.
	ChannelIDIn IntList `url:"channel_id:in,omitempty"`
}

// ListAssignments returns one page of price list assignments: GET
// /v3/pricelists/assignments.
//
// A negative Page or Limit, or a Limit above the endpoint's maximum, is
// refused before anything is sent (ErrInvalidRequest). A filter value
// BigCommerce rejects is an error matching ErrUnprocessable.
func (s *PriceListsService) ListAssignments(ctx context.Context, filter *PriceListAssignmentFilter) ([]PriceListAssignment, *Response, error) {
	return listV3[PriceListAssignment](ctx, s.client, assignmentsPath, filter)
}

// AllAssignments iterates over every assignment matching filter: GET
// /v3/pricelists/assignments, following the end cursor (after).
//
// A Before cursor or a bad page size is refused before anything is sent
// (ErrInvalidRequest). A filter value BigCommerce rejects is an error matching
// ErrUnprocessable. An error is yielded once and ends the walk.
func (s *PriceListsService) AllAssignments(ctx context.Context, filter *PriceListAssignmentFilter) iter.Seq2[PriceListAssignment, error] {
	if filter != nil && filter.Before != "" {
		return refused[PriceListAssignment](invalid("PriceLists.AllAssignments", "Before is set: AllAssignments walks forward only; use After, or ListAssignments for one page"))
	}
	return walkCursor(ctx, filter, s.ListAssignments, func(f *PriceListAssignmentFilter) *string { return &f.After })
}

// CreateAssignments assigns price lists to customer groups and channels:
// POST /v3/pricelists/assignments, in chunks of 25. BigCommerce answers
// without the assignments (list them afterwards for their ids); a
// *BatchError names each input index that failed.
//
// A 422 may come after BigCommerce saved part of the chunk (its
// meta.saved_records): since BigCommerce does not say which, every item of
// that chunk is in BatchError.Unknown (UnknownIndexes; errors matching
// ErrOutcomeUnknown say how many were saved): list the assignments before
// sending any again. A 422 without saved records rejected the whole
// request: the items it names failed, the others can be sent again.
func (s *PriceListsService) CreateAssignments(ctx context.Context, assignments []PriceListAssignmentCreate) (*Response, error) {
	const op = "PriceLists.CreateAssignments"
	if len(assignments) == 0 {
		return &Response{}, invalid(op, "no assignments given")
	}
	for i, a := range assignments {
		switch {
		case a.PriceListID <= 0:
			return &Response{}, invalid(op, "assignment %d: PriceListID must be a positive id, got %d", i, a.PriceListID)
		case a.CustomerGroupID < 0 || a.ChannelID < 0:
			return &Response{}, invalid(op, "assignment %d: ids must not be negative", i)
		case a.CustomerGroupID == 0 && a.ChannelID == 0:
			return &Response{}, invalid(op, "assignment %d: set CustomerGroupID, ChannelID or both", i)
		}
	}
	_, resp, err := batch(ctx, op, assignments, PriceListAssignmentBatchSize, cap(s.client.sem), func(ctx context.Context, chunk []PriceListAssignmentCreate) ([]struct{}, *Response, error) {
		resp, err := s.client.call(ctx, http.MethodPost, assignmentsPath, nil, chunk, nil)
		if err != nil {
			err = assignmentChunkError(err, len(chunk))
		}
		return nil, resp, err
	})
	return resp, err
}

// DeleteAssignments deletes the assignments matching filter: DELETE
// /v3/pricelists/assignments?... . An empty filter is refused before
// anything is sent.
//
// A nil or empty filter is refused before anything is sent
// (ErrInvalidRequest): BigCommerce would delete every assignment. A filter
// value BigCommerce rejects is an error matching ErrUnprocessable.
func (s *PriceListsService) DeleteAssignments(ctx context.Context, filter *PriceListAssignmentDeleteFilter) (*Response, error) {
	return deleteWhere(ctx, s.client, "PriceLists.DeleteAssignments", assignmentsPath, filter)
}

// assignmentChunkError reads meta.saved_records of a 422: when part of the
// chunk was saved, BigCommerce does not say which, so no item may be
// called failed (safe to resend): every item's outcome is unknown.
// Without saved records the 422 is a rejection of the whole request (see
// indexedChunkError).
func assignmentChunkError(err error, n int) error {
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != http.StatusUnprocessableEntity {
		return err
	}
	var body struct {
		Meta struct {
			SavedRecords int `json:"saved_records"`
		} `json:"meta"`
	}
	if json.Unmarshal(e.Body, &body) != nil || body.Meta.SavedRecords <= 0 {
		return indexedChunkError(err, n)
	}
	berr := &BatchError{Total: n}
	for i := 0; i < n; i++ {
		berr.Unknown = append(berr.Unknown, BatchFailure{Index: i, Err: &outcomeError{err: e, answered: e.StatusCode, advice: fmt.Sprintf(
			"BigCommerce saved %d of the %d assignments of this request before failing and does not say which: this one may have been saved; list the assignments before sending it again",
			body.Meta.SavedRecords, n)}})
	}
	return berr
}
