import EvalCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An advisory lock on a store: exclusive for a sweep, shared for each shard of a sharded run.
///
/// The lock is an `flock` on `<store>.lock`: the kernel releases it when the process dies,
/// even by `kill -9`, so a crashed sweep never leaves the store locked. An unsharded sweep holds it
/// exclusively; the shards of sharded runs hold it shared, each with an exclusive lock of its own
/// shard (``shard(storePath:runKey:shard:)``), so shards of one machine write one SQLite store
/// together while no unsharded sweep runs beside them, and no shard runs twice at once. `flock` is
/// only reliable on a local disk: SQLite shards must share one machine.
public final class StoreLock: Sendable {
    private let descriptor: Int32
    /// The lock file's path.
    public let path: String

    /// How a lock is held.
    public enum Mode: Sendable {
        /// One unsharded sweep.
        case exclusive
        /// Shards of sharded runs, side by side.
        case shared
    }

    /// Takes the store's lock, without waiting.
    ///
    /// - Parameters:
    ///   - storePath: The database's path.
    ///   - mode: Exclusive for a sweep, shared for a shard.
    /// - Throws: ``StoreError`` when another process holds the lock in a conflicting mode.
    public convenience init(storePath: String, mode: Mode = .exclusive) throws(StoreError) {
        try self.init(lockPath: storePath + ".lock", mode: mode) { .locked(path: storePath) }
    }

    private init(lockPath: String, mode: Mode, conflict: () -> StoreError) throws(StoreError) {
        path = lockPath
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        guard flock(fd, (mode == .exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) == 0 else {
            close(fd)
            throw conflict()
        }
        if mode == .exclusive {
            let pid = "\(getpid())\n"
            _ = ftruncate(fd, 0)
            _ = pid.withCString { write(fd, $0, strlen($0)) }
        }
        descriptor = fd
    }

    /// Takes one shard's lock (`<store>.shards/<run key hash>-<shard>.lock`), without waiting.
    ///
    /// - Throws: ``StoreError`` when another process runs this shard of this run.
    public static func shard(storePath: String, runKey: String, shard: Shard) throws(StoreError) -> StoreLock {
        let folder = storePath + ".shards"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreate(path: folder, reason: (error as NSError).localizedDescription)
        }
        if shard.count > 1, let remote = remoteFileSystem(folder) {
            throw .remoteDisk(remote, path: storePath)
        }
        let name = String(StableHash.value(of: runKey), radix: 16) + "-\(shard.index).lock"
        return try StoreLock(lockPath: folder + "/" + name, mode: .exclusive) {
            .shardRunning("shard \(shard) of run '\(runKey)'", path: storePath)
        }
    }

    /// The network file system a folder is on (`nfs`, `smb`, …), or `nil` for a local disk: `flock`
    /// does not lock across the machines such a disk is shared by, and SQLite's own locks are not
    /// reliable there either.
    ///
    /// - Parameter mounts: The mount table (`/proc/self/mounts` when `nil`).
    static func remoteFileSystem(_ folder: String, mounts: String? = nil) -> String? {
        guard let mounts = mounts ?? (try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8)) else { return nil }
        let path = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        // The mount point holding the folder is the longest one its path starts with.
        var best: (point: String, type: String)?
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let point = String(fields[1]).replacingOccurrences(of: "\\040", with: " ")
            let inside = point == "/" || path == point || path.hasPrefix(point + "/")
            if inside, point.count >= (best?.point.count ?? 0) { best = (point, String(fields[2])) }
        }
        let remote: Set<String> = [
            "nfs", "nfs4", "cifs", "smb3", "smbfs", "ceph", "9p", "afs", "gfs2", "lustre", "glusterfs", "fuse.sshfs", "fuse.glusterfs",
        ]
        return best.flatMap { remote.contains($0.type) ? $0.type : nil }
    }

    /// Runs `body` holding `<store>.migrate.lock` exclusively, waiting for it: shards starting
    /// together check and migrate the store one at a time.
    static func serializingMigrations<T>(storePath: String, _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        let path = storePath + ".migrate.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw .cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
