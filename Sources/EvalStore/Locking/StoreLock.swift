import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive advisory lock on a store, held by the one sweep that writes it.
///
/// The lock is an `flock` on `<store>.lock`: the kernel releases it when the process dies,
/// even by `kill -9`, so a crashed sweep never leaves the store locked.
public final class StoreLock: Sendable {
    private let descriptor: Int32
    /// The lock file's path.
    public let path: String

    /// Takes the lock, without waiting.
    ///
    /// - Parameter storePath: The database's path.
    /// - Throws: ``StoreError`` when another process holds the lock.
    public init(storePath: String) throws(StoreError) {
        path = storePath + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw .locked(path: storePath)
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { write(fd, $0, strlen($0)) }
        descriptor = fd
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
