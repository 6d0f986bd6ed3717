package bigcommerce

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// ImageFile is an image to upload: its file name (the extension tells
// BigCommerce the format: .jpg, .jpeg, .png, .gif, .webp...) and its
// content. The content is streamed, never held in memory whole.
//
// If Content is also an io.Seeker (an *os.File, a *bytes.Reader), a
// request BigCommerce provably did not process (a 429) is sent again from
// the start; any other reader allows one attempt, and such a retry fails
// with an error that says so instead of sending a truncated file.
type ImageFile struct {
	// Name is the file name sent with the image ("mug.jpg").
	Name string
	// Content is the image's bytes.
	Content io.Reader
}

// check refuses an upload without a name or content before anything is
// sent.
func (f ImageFile) check(op string) error {
	switch {
	case strings.TrimSpace(f.Name) == "":
		return invalid(op, "ImageFile.Name is empty: BigCommerce needs the file name (its extension names the format)")
	case f.Content == nil:
		return invalid(op, "ImageFile.Content is nil")
	}
	return nil
}

// uploadImage sends POST path with the file as the multipart/form-data
// field image_file and decodes {data} into T. The body is streamed (see
// uploadBody).
func uploadImage[T any](ctx context.Context, c *Client, op, path string, file ImageFile) (*T, *Response, error) {
	if err := file.check(op); err != nil {
		return nil, &Response{}, err
	}
	req, err := c.NewRequest(ctx, http.MethodPost, path, nil, &Multipart{File: FormFile{Field: "image_file", Name: file.Name, Content: file.Content}})
	if err != nil {
		return nil, &Response{}, err
	}
	env := newEnvelope[*T](nil)
	resp, err := c.Do(req, &env)
	if err == nil && env.Data == nil {
		err = fmt.Errorf("bigcommerce: POST %s: the response has no object in data", path)
	}
	return env.Data, resp, err
}

// Multipart is a multipart/form-data request body: text fields and one
// file, streamed from the file's reader as it is sent, never held in
// memory whole. Pass it as the body of NewRequest or Send to reach an
// upload endpoint the typed services do not cover; it goes through the
// same pipeline (credentials, throttle, retries, errors) as every call.
//
// A request BigCommerce provably did not process (a 429) is sent again
// from the start when File.Content is also an io.Seeker (an *os.File, a
// *bytes.Reader); with any other reader the retry fails with an error that
// says so instead of sending a truncated file. A POST that may have been
// processed is never resent (ErrOutcomeUnknown).
type Multipart struct {
	// Fields are text fields, sent before the file in key order
	// ("description", "is_thumbnail" beside a product image).
	Fields map[string]string
	// File is the file part.
	File FormFile
}

// FormFile is the file of a Multipart body.
type FormFile struct {
	// Field is the form field's name: "image_file" for BigCommerce's
	// image uploads.
	Field string
	// Name is the file name sent with it ("mug.jpg").
	Name string
	// ContentType is the part's media type; when empty it is guessed from
	// Name's extension (image/jpeg), else application/octet-stream.
	ContentType string
	// Content is the file's bytes, read as the request is sent.
	Content io.Reader
}

// reader checks the form and returns its streamed body and Content-Type.
func (m Multipart) reader(op string) (io.Reader, string, error) {
	f := m.File
	switch {
	case strings.TrimSpace(f.Field) == "":
		return nil, "", invalid(op, "Multipart.File.Field is empty: name the form field (image_file for BigCommerce's image uploads)")
	case strings.TrimSpace(f.Name) == "":
		return nil, "", invalid(op, "Multipart.File.Name is empty: BigCommerce needs the file name (its extension names the format)")
	case f.Content == nil:
		return nil, "", invalid(op, "Multipart.File.Content is nil")
	case strings.ContainsAny(f.Field+f.ContentType, "\r\n"):
		return nil, "", invalid(op, "Multipart.File's Field or ContentType contains a line break")
	}
	for name := range m.Fields {
		if strings.ContainsAny(name, "\r\n") || name == "" {
			return nil, "", invalid(op, "Multipart.Fields has an empty name or one with a line break (%q)", name)
		}
	}
	body, err := newUploadBody(m.Fields, f)
	if err != nil {
		return nil, "", invalid(op, "%v", err)
	}
	return body, body.contentType(), nil
}

// uploadBody is a multipart/form-data body with text fields and one file
// part, read from the file's reader as it is sent: the fields and the head
// of the file part, the file, the closing boundary. It is an io.ReadSeeker
// so that the retry engine can start it over (Seek(0, io.SeekStart)); that
// works when the file's reader can seek (back to where it stood when the
// upload began), or when nothing has been read yet.
type uploadBody struct {
	boundary   string
	head, tail []byte
	src        io.Reader
	start      int64 // where src stood when the upload began, if it can seek
	cur        io.Reader
	read       bool // a byte of the file has been read
}

func newUploadBody(fields map[string]string, f FormFile) (*uploadBody, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		if err := w.WriteField(name, fields[name]); err != nil {
			return nil, err
		}
	}
	h := make(textproto.MIMEHeader)
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, f.Field, filepath.Base(f.Name)))
	ctype := f.ContentType
	if ctype == "" {
		ctype = mime.TypeByExtension(strings.ToLower(filepath.Ext(f.Name)))
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	h.Set("Content-Type", ctype)
	if _, err := w.CreatePart(h); err != nil {
		return nil, err
	}
	head := bytes.Clone(buf.Bytes())
	buf.Reset()
	if err := w.Close(); err != nil {
		return nil, err
	}
	b := &uploadBody{boundary: w.Boundary(), head: head, tail: bytes.Clone(buf.Bytes()), src: f.Content}
	if sk, ok := f.Content.(io.Seeker); ok {
		// A retry starts over from here, not from the file's beginning:
		// the caller may have read part of it on purpose.
		start, err := sk.Seek(0, io.SeekCurrent)
		if err != nil {
			return nil, fmt.Errorf("the file's Content: %w", err)
		}
		b.start = start
	}
	b.rewind()
	return b, nil
}

func (b *uploadBody) contentType() string {
	return "multipart/form-data; boundary=" + b.boundary
}

func (b *uploadBody) rewind() {
	b.cur = io.MultiReader(bytes.NewReader(b.head), &countingReader{r: b.src, read: &b.read}, bytes.NewReader(b.tail))
}

// errUploadNotReplayable is returned when a retry would resend a file whose
// reader cannot start over.
var errUploadNotReplayable = errors.New("bigcommerce: the upload was sent once and its reader cannot seek back to the start, so it is not sent again (pass an *os.File or a *bytes.Reader to allow retries)")

// Read implements io.Reader.
func (b *uploadBody) Read(p []byte) (int, error) { return b.cur.Read(p) }

// Seek implements io.Seeker; only Seek(0, io.SeekStart) is supported.
func (b *uploadBody) Seek(offset int64, whence int) (int64, error) {
	if offset != 0 || whence != io.SeekStart {
		return 0, errors.New("bigcommerce: an upload can only start over")
	}
	if b.read {
		s, ok := b.src.(io.Seeker)
		if !ok {
			return 0, errUploadNotReplayable
		}
		if _, err := s.Seek(b.start, io.SeekStart); err != nil {
			return 0, fmt.Errorf("bigcommerce: starting the upload over: %w", err)
		}
		b.read = false
	}
	b.rewind()
	return 0, nil
}

// Close implements io.Closer; the caller's reader is the caller's to close.
func (b *uploadBody) Close() error { return nil }

// countingReader notes when its reader has given a byte.
type countingReader struct {
	r    io.Reader
	read *bool
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 {
		*c.read = true
	}
	return n, err
}

// UploadedImage is the answer to a brand, variant or modifier value image
// upload: the image's URL on BigCommerce's CDN.
type UploadedImage struct {
	// ImageURL is where BigCommerce serves the uploaded image.
	ImageURL string `json:"image_url"`
}

// UploadImage uploads a product image file: POST
// /v3/catalog/products/{product_id}/images as multipart/form-data (the
// image_file field), streamed from file.Content. To add an image from a
// URL instead, use Create. A product id below 1, or a file without a name
// or content, is refused before anything is sent. If the request may have
// reached BigCommerce and no answer proves its fate, the error matches
// ErrOutcomeUnknown: list the product's images before uploading it again.
func (s *ProductImagesService) UploadImage(ctx context.Context, productID int, file ImageFile) (*ProductImage, *Response, error) {
	const op = "ProductImages.UploadImage"
	if err := checkID(op, "product id", productID); err != nil {
		return nil, &Response{}, err
	}
	return uploadImage[ProductImage](ctx, s.client, op, "/v3/catalog/products/"+strconv.Itoa(productID)+"/images", file)
}

// UploadImage uploads a brand's image file: POST
// /v3/catalog/brands/{brand_id}/image as multipart/form-data, streamed
// (BigCommerce accepts only a form post here; to set the image from a URL,
// use Update with ImageURL). The errors are UploadImage's of ProductImages.
//
// A path id of 0 or less, or a file without a name or content, is refused
// before anything is sent (ErrInvalidRequest); an id BigCommerce does not know
// is an error matching ErrNotFound. If the request may have reached
// BigCommerce and no answer proves its fate, the error matches
// ErrOutcomeUnknown: check the image before uploading it again.
func (s *BrandsService) UploadImage(ctx context.Context, brandID int, file ImageFile) (*UploadedImage, *Response, error) {
	const op = "Brands.UploadImage"
	if err := checkID(op, "brand id", brandID); err != nil {
		return nil, &Response{}, err
	}
	return uploadImage[UploadedImage](ctx, s.client, op, brandPath(brandID)+"/image", file)
}

// UploadVariantImage uploads a variant's image file: POST
// /v3/catalog/products/{product_id}/variants/{variant_id}/image as
// multipart/form-data, streamed (CreateVariantImage sets it from a URL).
// The errors are UploadImage's of ProductImages.
//
// A path id of 0 or less, or a file without a name or content, is refused
// before anything is sent (ErrInvalidRequest); an id BigCommerce does not know
// is an error matching ErrNotFound. If the request may have reached
// BigCommerce and no answer proves its fate, the error matches
// ErrOutcomeUnknown: check the image before uploading it again.
func (s *ProductsService) UploadVariantImage(ctx context.Context, productID, variantID int, file ImageFile) (*UploadedImage, *Response, error) {
	const op = "Products.UploadVariantImage"
	if err := checkPath(op, "product id, variant id", productID, variantID); err != nil {
		return nil, &Response{}, err
	}
	return uploadImage[UploadedImage](ctx, s.client, op, "/v3/catalog/products/"+strconv.Itoa(productID)+"/variants/"+strconv.Itoa(variantID)+"/image", file)
}

// UploadImage uploads the image of a modifier value (a swatch): POST
// /v3/catalog/products/{product_id}/modifiers/{modifier_id}/values/{value_id}/image
// as multipart/form-data, streamed. The errors are UploadImage's of
// ProductImages.
//
// A path id of 0 or less, or a file without a name or content, is refused
// before anything is sent (ErrInvalidRequest); an id BigCommerce does not know
// is an error matching ErrNotFound. If the request may have reached
// BigCommerce and no answer proves its fate, the error matches
// ErrOutcomeUnknown: check the image before uploading it again.
func (s *ProductModifierValuesService) UploadImage(ctx context.Context, productID, modifierID, valueID int, file ImageFile) (*UploadedImage, *Response, error) {
	const op = "ProductModifierValues.UploadImage"
	if err := checkPath(op, "product id, modifier id, value id", productID, modifierID, valueID); err != nil {
		return nil, &Response{}, err
	}
	return uploadImage[UploadedImage](ctx, s.client, op, "/v3/catalog/products/"+strconv.Itoa(productID)+"/modifiers/"+strconv.Itoa(modifierID)+"/values/"+strconv.Itoa(valueID)+"/image", file)
}
