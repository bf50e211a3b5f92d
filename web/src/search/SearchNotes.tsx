// SearchCandidatesNote says why a common word's counts stop at a thousand:
// a full-text search ranks and counts its 1,000 newest matches.
export function SearchCandidatesNote() {
  return <p className="facet-note">Counted among the 1,000 newest matches.</p>;
}
