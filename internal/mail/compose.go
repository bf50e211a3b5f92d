package mail

import (
	"errors"
	"fmt"
	"net/mail"
	"net/textproto"
	"net/url"
	"strings"

	gomail "github.com/wneessen/go-mail"
)

// reservedHeaders are set from Message fields; Headers may not override them.
var reservedHeaders = map[string]bool{
	"From": true, "To": true, "Cc": true, "Bcc": true, "Reply-To": true, "Subject": true,
	"Date": true, "Message-Id": true, "In-Reply-To": true, "References": true,
	"Mime-Version": true, "Content-Type": true, "Content-Transfer-Encoding": true,
	"List-Unsubscribe": true, "List-Unsubscribe-Post": true,
}

// compose turns m into a go-mail message: multipart/alternative with the
// text part first (the least preferred alternative comes first, RFC 2046).
func compose(from mail.Address, m *Message) (*gomail.Msg, error) {
	if m == nil {
		return nil, errors.New("nil message")
	}
	if _, err := mail.ParseAddress(m.To.Address); err != nil {
		return nil, fmt.Errorf("recipient %q is invalid", m.To.Address)
	}
	if m.Text == "" && m.HTML == "" {
		return nil, errors.New("message has no body")
	}
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	msg.FromMailAddress(&from)
	to := m.To
	msg.ToMailAddress(&to)
	msg.Subject(oneLine(m.Subject))
	if err := setThreading(msg, m); err != nil {
		return nil, err
	}
	if err := setUnsubscribe(msg, m.ListUnsubscribe); err != nil {
		return nil, err
	}
	for name, value := range m.Headers {
		if err := checkHeader(name, value); err != nil {
			return nil, err
		}
		msg.SetGenHeader(gomail.Header(name), value)
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	return msg, nil
}

func setThreading(msg *gomail.Msg, m *Message) error {
	if m.MessageID != "" {
		if !isMsgID(m.MessageID) {
			return fmt.Errorf("bad Message-ID %q: want <id@host>", m.MessageID)
		}
		msg.SetMessageIDWithValue(strings.TrimSuffix(strings.TrimPrefix(m.MessageID, "<"), ">"))
	}
	if m.InReplyTo != "" {
		if !isMsgID(m.InReplyTo) {
			return fmt.Errorf("bad In-Reply-To %q: want <id@host>", m.InReplyTo)
		}
		msg.SetGenHeader(gomail.HeaderInReplyTo, m.InReplyTo)
	}
	if len(m.References) > 0 {
		for _, id := range m.References {
			if !isMsgID(id) {
				return fmt.Errorf("bad References entry %q: want <id@host>", id)
			}
		}
		// One value separated by spaces: go-mail joins several values with
		// commas, which suits address lists but not References.
		msg.SetGenHeader(gomail.HeaderReferences, strings.Join(m.References, " "))
	}
	return nil
}

// isMsgID reports whether id looks like "<left@right>" with no spaces or
// control characters, so it can go into a header unchanged.
func isMsgID(id string) bool {
	if len(id) < 5 || len(id) > 250 || id[0] != '<' || id[len(id)-1] != '>' {
		return false
	}
	inner := id[1 : len(id)-1]
	at := strings.LastIndexByte(inner, '@')
	if at <= 0 || at == len(inner)-1 {
		return false
	}
	for i := 0; i < len(inner); i++ {
		if c := inner[i]; c <= ' ' || c >= 0x7f || c == '<' || c == '>' {
			return false
		}
	}
	return true
}

func setUnsubscribe(msg *gomail.Msg, raw string) error {
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return errors.New("bad List-Unsubscribe URL: want an absolute https URL")
	}
	if u.Scheme == "http" {
		msg.SetListUnsubscribe(u.String())
		return nil
	}
	return msg.SetListUnsubscribeOneClick(u.String())
}

func checkHeader(name, value string) error {
	if name == "" || strings.IndexFunc(name, func(r rune) bool { return r <= ' ' || r >= 0x7f || r == ':' }) >= 0 {
		return fmt.Errorf("header name %q is invalid", name)
	}
	if reservedHeaders[textproto.CanonicalMIMEHeaderKey(name)] {
		return fmt.Errorf("header %q is set from Message fields", name)
	}
	if strings.ContainsAny(value, "\r\n") {
		return fmt.Errorf("header %s: value contains a line break", name)
	}
	return nil
}

// oneLine replaces line breaks and other control characters with spaces.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\r' || r == '\n' || r < ' ' || r == 0x7f || r == '\u2028' || r == '\u2029'
	}), " ")
}
