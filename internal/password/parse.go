package password

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// parse splits a PHC string "$argon2id$v=19$m=M,t=T,p=P$salt$key" into its
// parameters, salt and key, refusing anything else and any parameter
// outside the limits.
func parse(hash string) (Params, []byte, []byte, error) {
	var p Params
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[0] != "" {
		return p, nil, nil, fmt.Errorf("%w: want 5 $-separated fields", ErrMalformedHash)
	}
	if parts[1] != "argon2id" {
		return p, nil, nil, fmt.Errorf("%w: algorithm %.20q is not argon2id", ErrMalformedHash, parts[1])
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return p, nil, nil, fmt.Errorf("%w: version %.20q is not v=%d", ErrMalformedHash, parts[2], argon2.Version)
	}
	p, err := parseParams(parts[3])
	if err != nil {
		return p, nil, nil, err
	}
	salt, err := decodeField(parts[4], "salt", minSaltLen, maxSaltLen)
	if err != nil {
		return p, nil, nil, err
	}
	key, err := decodeField(parts[5], "key", minKeyLen, maxKeyLen)
	if err != nil {
		return p, nil, nil, err
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	return p, salt, key, nil
}

// parseParams reads "m=M,t=T,p=P" in exactly that order.
func parseParams(s string) (Params, error) {
	var p Params
	fields := strings.Split(s, ",")
	if len(fields) != 3 {
		return p, fmt.Errorf("%w: want parameters m,t,p", ErrMalformedHash)
	}
	m, err := parseParam(fields[0], "m", 1, maxMemory)
	if err != nil {
		return p, err
	}
	t, err := parseParam(fields[1], "t", 1, maxTime)
	if err != nil {
		return p, err
	}
	threads, err := parseParam(fields[2], "p", 1, 255)
	if err != nil {
		return p, err
	}
	if m < 8*threads {
		return p, fmt.Errorf("%w: memory below 8 KiB per thread", ErrMalformedHash)
	}
	return Params{Memory: uint32(m), Time: uint32(t), Threads: uint8(threads)}, nil
}

func parseParam(field, name string, lo, hi uint64) (uint64, error) {
	v, ok := strings.CutPrefix(field, name+"=")
	if !ok {
		return 0, fmt.Errorf("%w: want parameter %s", ErrMalformedHash, name)
	}
	n, err := strconv.ParseUint(v, 10, 32)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%w: parameter %s must be %d..%d", ErrMalformedHash, name, lo, hi)
	}
	return n, nil
}

func decodeField(s, name string, lo, hi int) ([]byte, error) {
	b, err := base64.RawStdEncoding.Strict().DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("%w: %s is not unpadded base64", ErrMalformedHash, name)
	}
	if len(b) < lo || len(b) > hi {
		return nil, fmt.Errorf("%w: %s must be %d..%d bytes", ErrMalformedHash, name, lo, hi)
	}
	return b, nil
}
