package password_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/triagehq/triage/internal/password"
)

// cheap keeps the tests fast; production code never sees it because params
// travel only through NewHasher.
var cheap = password.Params{Memory: 64, Time: 1, Threads: 1}

func TestHasher_DefaultParams(t *testing.T) {
	h := password.NewHasher(password.Params{})
	if got, want := h.Params(), password.DefaultParams; got != want {
		t.Fatalf("params = %+v, want %+v", got, want)
	}
	if p := password.DefaultParams; p.Memory < 19456 || p.Time < 2 || p.Threads < 1 {
		t.Fatalf("DefaultParams %+v are below OWASP's argon2id minimum", p)
	}
	hash, err := h.Hash("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)
	if !re.MatchString(hash) {
		t.Fatalf("hash %q is not a PHC argon2id string with the default params", hash)
	}
	ok, rehash, err := h.Verify(hash, "correct horse battery staple")
	if err != nil || !ok || rehash {
		t.Fatalf("Verify = %v, %v, %v; want true, false, nil", ok, rehash, err)
	}
}

func TestHasher_Verify(t *testing.T) {
	h := password.NewHasher(cheap)
	hash, err := h.Hash("s3cret passphrase")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("OK", func(t *testing.T) {
		ok, rehash, err := h.Verify(hash, "s3cret passphrase")
		if err != nil || !ok || rehash {
			t.Fatalf("Verify = %v, %v, %v; want true, false, nil", ok, rehash, err)
		}
	})
	t.Run("WrongPassword", func(t *testing.T) {
		for _, pw := range []string{"s3cret passphrasE", "", "s3cret passphrase "} {
			ok, rehash, err := h.Verify(hash, pw)
			if err != nil || ok || rehash {
				t.Fatalf("Verify(%q) = %v, %v, %v; want false, false, nil", pw, ok, rehash, err)
			}
		}
	})
	t.Run("SaltIsRandom", func(t *testing.T) {
		other, err := h.Hash("s3cret passphrase")
		if err != nil {
			t.Fatal(err)
		}
		if other == hash {
			t.Fatal("two hashes of one password are equal; the salt is not random")
		}
	})
	t.Run("NeedsRehash", func(t *testing.T) {
		stronger := password.NewHasher(password.Params{Memory: 128, Time: 2, Threads: 1})
		ok, rehash, err := stronger.Verify(hash, "s3cret passphrase")
		if err != nil || !ok || !rehash {
			t.Fatalf("Verify = %v, %v, %v; want true, true, nil", ok, rehash, err)
		}
		ok, rehash, _ = stronger.Verify(hash, "wrong")
		if ok || rehash {
			t.Fatalf("wrong password: Verify = %v, %v; want false, false", ok, rehash)
		}
	})
}

func TestHasher_VerifyMalformed(t *testing.T) {
	h := password.NewHasher(cheap)
	good, err := h.Hash("s3cret passphrase")
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(good, "$")
	with := func(i int, v string) string {
		p := append([]string(nil), parts...)
		p[i] = v
		return strings.Join(p, "$")
	}
	for name, hash := range map[string]string{
		"Empty":         "",
		"Bcrypt":        "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
		"Argon2i":       with(1, "argon2i"),
		"OldVersion":    with(2, "v=16"),
		"NoParams":      with(3, ""),
		"ParamOrder":    with(3, "t=1,m=64,p=1"),
		"ZeroTime":      with(3, "m=64,t=0,p=1"),
		"ZeroThreads":   with(3, "m=64,t=1,p=0"),
		"HugeMemory":    with(3, "m=4294967295,t=1,p=1"),
		"HugeTime":      with(3, "m=64,t=100000,p=1"),
		"MemoryTooLow":  with(3, "m=8,t=1,p=4"),
		"NegativeParam": with(3, "m=-64,t=1,p=1"),
		"BadSalt":       with(4, "!!!!"),
		"ShortSalt":     with(4, "AAAA"),
		"PaddedKey":     with(5, parts[5]+"="),
		"ShortKey":      with(5, "AAAAAAAA"),
		"ExtraField":    good + "$x",
		"NoLeadingDol":  strings.TrimPrefix(good, "$"),
	} {
		t.Run(name, func(t *testing.T) {
			ok, rehash, err := h.Verify(hash, "s3cret passphrase")
			if !errors.Is(err, password.ErrMalformedHash) {
				t.Fatalf("err = %v, want ErrMalformedHash", err)
			}
			if ok || rehash {
				t.Fatalf("Verify = %v, %v; want false, false", ok, rehash)
			}
		})
	}
}

func TestHasher_Decoy(t *testing.T) {
	// Decoy has no result; this guards against it panicking on any input.
	h := password.NewHasher(cheap)
	h.Decoy("")
	h.Decoy(strings.Repeat("x", 5000))
}
