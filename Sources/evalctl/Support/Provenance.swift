import EvalStore
import Foundation

extension ResultStore.Provenance {
    /// The running evalctl: its version, and the git commit it was built from with a dirty flag,
    /// recorded at build time (`BuildInfo`), so they hold wherever the binary runs.
    static func current() -> Self {
        Self(evalctlVersion: EvalCtl.version, gitCommit: BuildInfo.commit, gitDirty: BuildInfo.dirty, host: ProcessInfo.processInfo.hostName)
    }
}
