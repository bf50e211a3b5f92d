package realtime

// OnGone makes h call f after it unregisters a socket of user id. Tests use
// it to wait for a drop instead of sleeping; set it before any connection.
func OnGone(h *Hub, f func(userID int64)) { h.onGone = f }
