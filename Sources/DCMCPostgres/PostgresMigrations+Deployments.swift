extension PostgresMigrations {
  /// Who made each deployment and when (SPEC section 8): `deployed_by` (the acting user,
  /// `NULL` when none was given) and `deployed_at` (seconds since the epoch). Rows of the
  /// deployments made before have neither: `NULL`, listed as unknown.
  static let version11 = [
    """
    ALTER TABLE dcmc_deployments ADD COLUMN IF NOT EXISTS deployed_by text,
      ADD COLUMN IF NOT EXISTS deployed_at bigint
    """
  ]
}
