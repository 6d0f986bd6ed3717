package bigcommerce

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// uploadServer records the image file of each multipart request and
// answers the first `fail` of them with a 429.
type uploadServer struct {
	mu     sync.Mutex
	fail   int
	files  []string // "name:size" of each request's image_file
	length []int64  // each request's Content-Length (-1: streamed)
}

func (u *uploadServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		http.Error(w, "not a form", http.StatusUnsupportedMediaType)
		return
	}
	mr := multipart.NewReader(r.Body, params["boundary"])
	got := ""
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		n, _ := io.Copy(io.Discard, p)
		if p.FormName() == "image_file" {
			got = p.FileName() + ":" + strconv.Itoa(int(n))
		}
	}
	u.mu.Lock()
	u.files = append(u.files, got)
	u.length = append(u.length, r.ContentLength)
	fail := len(u.files) <= u.fail
	u.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if fail {
		w.Header().Set("X-Rate-Limit-Time-Reset-Ms", "1")
		w.WriteHeader(http.StatusTooManyRequests)
		w.Write([]byte(`{"status":429,"title":"Too many requests"}`))
		return
	}
	w.Write([]byte(`{"data":{"id":7,"product_id":3,"image_url":"https://cdn.example/` + strings.SplitN(got, ":", 2)[0] + `"},"meta":{}}`))
}

// watchedReader produces size bytes and remembers whether it was read
// before the transport started sending, which would mean buffering.
type watchedReader struct {
	left int
	read int
}

func (r *watchedReader) Read(p []byte) (int, error) {
	if r.left == 0 {
		return 0, io.EOF
	}
	n := min(len(p), r.left)
	for i := range n {
		p[i] = 'x'
	}
	r.left -= n
	r.read += n
	return n, nil
}

// startTransport notes how much of a watched reader was read when each
// request reached the transport.
type startTransport struct {
	src    *watchedReader
	atSend []int
}

func (s *startTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	s.atSend = append(s.atSend, s.src.read)
	return http.DefaultTransport.RoundTrip(r)
}

func uploadClient(t *testing.T, srv *httptest.Server, tr http.RoundTripper) *Client {
	t.Helper()
	if tr == nil {
		tr = http.DefaultTransport
	}
	c, err := NewClient("abc123", TokenAuth{AccessToken: testToken}, WithBaseURL(srv.URL),
		WithHTTPClient(&http.Client{Transport: tr}), WithRetryPolicy(RetryPolicy{MaxRetries: 2, MaxWait: time.Second}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestUploadImageStreams checks that an upload is streamed: nothing of the
// file is read before the request reaches the transport, no Content-Length
// is sent, and the server receives the whole file under image_file.
func TestUploadImageStreams(t *testing.T) {
	u := &uploadServer{}
	srv := httptest.NewServer(u)
	defer srv.Close()
	src := &watchedReader{left: 3 << 20}
	st := &startTransport{src: src}
	img, _, err := uploadClient(t, srv, st).ProductImages.UploadImage(t.Context(), 3, ImageFile{Name: "big.jpg", Content: src})
	if err != nil {
		t.Fatal(err)
	}
	if img.ID != 7 || img.ImageURL != "https://cdn.example/big.jpg" {
		t.Fatalf("answer %+v", img)
	}
	if len(st.atSend) != 1 || st.atSend[0] != 0 {
		t.Fatalf("bytes of the file read before sending: %v, want [0] (the body must be streamed, not buffered)", st.atSend)
	}
	if u.files[0] != "big.jpg:"+strconv.Itoa(3<<20) || u.length[0] != -1 {
		t.Fatalf("server got %v with Content-Length %v, want the whole file streamed", u.files, u.length)
	}
}

// TestUploadImageRetries checks that a 429 (the request was not
// processed) sends a seekable file again from its start, and that a reader
// that cannot seek is not sent a second time, with an error saying why.
func TestUploadImageRetries(t *testing.T) {
	t.Run("seekable", func(t *testing.T) {
		u := &uploadServer{fail: 1}
		srv := httptest.NewServer(u)
		defer srv.Close()
		content := bytes.Repeat([]byte("ab"), 5000)
		_, _, err := uploadClient(t, srv, nil).Brands.UploadImage(t.Context(), 2, ImageFile{Name: "logo.png", Content: bytes.NewReader(content)})
		if err != nil {
			t.Fatal(err)
		}
		if len(u.files) != 2 || u.files[1] != "logo.png:10000" {
			t.Fatalf("server got %v, want the whole file twice", u.files)
		}
	})
	t.Run("seekable, partly read", func(t *testing.T) {
		u := &uploadServer{fail: 1}
		srv := httptest.NewServer(u)
		defer srv.Close()
		r := bytes.NewReader(append([]byte("HEADER--"), bytes.Repeat([]byte("i"), 100)...))
		r.Seek(8, io.SeekStart) // the caller skips a header of its own
		_, _, err := uploadClient(t, srv, nil).Brands.UploadImage(t.Context(), 2, ImageFile{Name: "logo.png", Content: r})
		if err != nil {
			t.Fatal(err)
		}
		if len(u.files) != 2 || u.files[0] != "logo.png:100" || u.files[1] != "logo.png:100" {
			t.Fatalf("server got %v, want the 100 bytes after the caller's offset, twice", u.files)
		}
	})
	t.Run("not seekable", func(t *testing.T) {
		u := &uploadServer{fail: 1}
		srv := httptest.NewServer(u)
		defer srv.Close()
		_, _, err := uploadClient(t, srv, nil).Brands.UploadImage(t.Context(), 2, ImageFile{Name: "logo.png", Content: io.LimitReader(strings.NewReader(strings.Repeat("z", 9000)), 9000)})
		if err == nil || !strings.Contains(err.Error(), "cannot seek back") {
			t.Fatalf("error %v, want the not-replayable upload named", err)
		}
		if len(u.files) != 1 {
			t.Fatalf("server got %d requests, want 1: a reader that cannot start over is never resent", len(u.files))
		}
	})
}

// TestUploadImageRefusedBeforeSending checks the input checks.
func TestUploadImageRefusedBeforeSending(t *testing.T) {
	u := &uploadServer{}
	srv := httptest.NewServer(u)
	defer srv.Close()
	c := uploadClient(t, srv, nil)
	cases := map[string]func() error{
		"no name": func() error {
			return errOnly(c.ProductImages.UploadImage(t.Context(), 1, ImageFile{Content: strings.NewReader("x")}))
		},
		"no content": func() error { return errOnly(c.Brands.UploadImage(t.Context(), 1, ImageFile{Name: "a.png"})) },
		"bad id": func() error {
			return errOnly(c.Products.UploadVariantImage(t.Context(), 1, 0, ImageFile{Name: "a.png", Content: strings.NewReader("x")}))
		},
	}
	for name, call := range cases {
		if err := call(); !errors.Is(err, ErrInvalidRequest) {
			t.Errorf("%s: %v, want ErrInvalidRequest", name, err)
		}
	}
	if len(u.files) != 0 {
		t.Fatalf("sent %d requests for refused input", len(u.files))
	}
}
