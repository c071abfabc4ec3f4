/// Whether a cookie's domain is a public suffix, for the lint rules: the bundled list's
/// explicit rules (`com`, `co.uk`, `*.ck`), not the implicit `*` (so `localhost` is fine).
func isLikelyPublicSuffix(_ domain: String) -> Bool {
  PublicSuffixList.shared.isListedPublicSuffix(domain)
}
