package httpapi

import (
	"net/http"
	"strconv"

	"github.com/triagehq/triage/internal/helpdesk"
)

// commentsCursor is the list kind of comment cursors. The ticket id is
// part of it, so a cursor works only on the ticket it came from.
func commentsCursor(ticketID int64) string {
	return "comments:" + strconv.FormatInt(ticketID, 10)
}

func (s *Server) listComments(w http.ResponseWriter, r *http.Request) {
	ticketID, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	limit, err := queryLimit(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	after, err := s.cursors.decodeID(commentsCursor(ticketID), r.URL.Query().Get("cursor"))
	if err != nil {
		s.error(w, r, err)
		return
	}
	comments, next, err := s.svc.ListComments(r.Context(), principalFrom(r.Context()), ticketID, after, limit)
	if err != nil {
		s.error(w, r, err)
		return
	}
	shaped, err := s.commentsJSON(r, comments)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, page[commentJSON]{Items: shaped, NextCursor: s.cursors.idCursor(commentsCursor(ticketID), next)})
}

type newComment struct {
	Body     string `json:"body"`
	Internal bool   `json:"internal"`
}

func (s *Server) createComment(w http.ResponseWriter, r *http.Request) {
	ticketID, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	var in newComment
	if err := decode(r, &in); err != nil {
		s.error(w, r, err)
		return
	}
	c, err := s.svc.AddComment(r.Context(), principalFrom(r.Context()), ticketID, in.Body, in.Internal)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.writeComment(w, r, http.StatusCreated, c)
}

// commentIDs reads the ticket and comment ids of a comment route.
func commentIDs(r *http.Request) (ticketID, commentID int64, err error) {
	if ticketID, err = pathID(r, "id"); err != nil {
		return 0, 0, err
	}
	if commentID, err = pathID(r, "comment_id"); err != nil {
		return 0, 0, err
	}
	return ticketID, commentID, nil
}

type commentEdit struct {
	Body string `json:"body"`
}

func (s *Server) editComment(w http.ResponseWriter, r *http.Request) {
	ticketID, commentID, err := commentIDs(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	var in commentEdit
	if err := decode(r, &in); err != nil {
		s.error(w, r, err)
		return
	}
	c, err := s.svc.EditComment(r.Context(), principalFrom(r.Context()), ticketID, commentID, in.Body)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.writeComment(w, r, http.StatusOK, c)
}

func (s *Server) listRevisions(w http.ResponseWriter, r *http.Request) {
	ticketID, commentID, err := commentIDs(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	revs, err := s.svc.ListCommentRevisions(r.Context(), principalFrom(r.Context()), ticketID, commentID)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list[*helpdesk.CommentRevision]{Items: revs})
}
