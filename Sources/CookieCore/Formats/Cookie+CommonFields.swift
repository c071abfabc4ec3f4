extension Cookie {
  /// True when no field is set that the writers' fast paths leave to their simple path:
  /// only name, value, domain, path, expiry, the flags, SameSite, Partitioned and where the
  /// cookie came from. Every cookie of a cookies.txt is such a cookie.
  var hasOnlyCommonFields: Bool {
    port == nil && comment == nil && sameSiteRaw == nil && partitionKey == nil && priority == nil
      && sourceScheme == nil && sourcePort == nil && created == nil && lastAccessed == nil
      && lastUpdated == nil && storeId == nil && originAttributes == nil && unknownFields.isEmpty
  }
}
