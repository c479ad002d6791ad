/// The version of Cahier; the commit comes from the build (Plugins/VersionStamp).
let cahierVersion = "0.10.0"

/// What `cahier --version` prints.
var versionText: String { "cahier \(cahierVersion) (commit \(cahierCommit))" }
