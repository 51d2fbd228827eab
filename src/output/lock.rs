//! One build per output folder at a time: an advisory lock on a file under the site's
//! `.keten/outputs/`. The operating system releases it when the process ends, however it
//! ends, so a killed build never leaves a lock behind that blocks the next one.

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// Held while a build writes and swaps its output folder.
#[derive(Debug)]
pub struct OutputLock {
    _file: File,
}

/// How taking the lock went.
pub enum Taken {
    /// The lock was free.
    AtOnce(OutputLock),
    /// Another build held it; we waited until it finished.
    AfterWaiting(OutputLock),
}

impl OutputLock {
    /// Takes the lock at `path`; when another build holds it, calls `waiting` with that
    /// build's process id and waits for it.
    pub fn take(path: &Path, waiting: impl FnOnce(Option<u32>)) -> Result<Taken> {
        let mut file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(|e| Error::write(path, e))?;
        let waited = match file.try_lock() {
            Ok(()) => false,
            Err(TryLockError::WouldBlock) => {
                waiting(holder(&mut file));
                file.lock().map_err(|e| Error::write(path, e))?;
                true
            }
            Err(TryLockError::Error(e)) => return Err(Error::write(path, e)),
        };
        record_holder(&mut file).map_err(|e| Error::write(path, e))?;
        let lock = OutputLock { _file: file };
        Ok(if waited {
            Taken::AfterWaiting(lock)
        } else {
            Taken::AtOnce(lock)
        })
    }
}

/// The process id the holder wrote into the lock file, for the message.
fn holder(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

fn record_holder(file: &mut File) -> std::io::Result<()> {
    file.set_len(0)?;
    file.rewind()?;
    write!(file, "{}", std::process::id())?;
    file.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_taker_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("public.lock");
        let Taken::AtOnce(first) = OutputLock::take(&path, |_| panic!("free")).unwrap() else {
            panic!("the lock was free");
        };
        let path2 = path.clone();
        let second = std::thread::spawn(move || {
            let mut told = None;
            let taken = OutputLock::take(&path2, |pid| told = Some(pid)).unwrap();
            (matches!(taken, Taken::AfterWaiting(_)), told)
        });
        std::thread::sleep(std::time::Duration::from_millis(100));
        drop(first);
        let (waited, told) = second.join().unwrap();
        assert!(waited);
        assert_eq!(told, Some(Some(std::process::id())));
    }
}
