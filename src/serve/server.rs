//! The listener and its connections: hyper's HTTP/1 server with a header read timeout, a
//! write timeout on every connection (a client that stops reading is dropped), and graceful
//! shutdown: on the signal, stop accepting, let in-flight requests finish within the grace
//! period, then return.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::task::{Context, Poll};
use std::time::Duration;

use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::Sleep;

use super::config::ServeOptions;
use super::routes::router;
use super::state::{Shared, State};
use crate::Extractor;
use crate::fetch::Fetcher;

/// The request line and headers together may be this long (hyper answers 431 past it): room
/// for a `?url=` of the fetcher's longest URL, escaped.
const MAX_HEAD_BYTES: usize = 128 * 1024;

/// A bound service, ready to run.
pub struct Server {
    listener: TcpListener,
    state: Shared,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server").field("listener", &self.listener).finish_non_exhaustive()
    }
}

impl Server {
    /// Binds `opts.listen` (port 0 picks a free port) and sets up the shared fetcher. Needs a
    /// tokio runtime with I/O and time.
    pub async fn bind(opts: ServeOptions, extractor: Extractor) -> io::Result<Server> {
        let fetcher = Fetcher::new(opts.fetch.clone()).map_err(|e| io::Error::other(e.to_string()))?;
        let listener = TcpListener::bind(opts.listen).await?;
        Ok(Server { listener, state: Arc::new(State::new(extractor, fetcher, opts)) })
    }

    /// The address listened on.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `shutdown` completes; then stops accepting, lets in-flight requests finish
    /// within the grace period, and returns.
    pub async fn run(self, shutdown: impl Future<Output = ()>) -> io::Result<()> {
        let Server { listener, state } = self;
        let app = router(state.clone());
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(TokioTimer::new())
            .header_read_timeout(state.opts.read_timeout)
            .max_buf_size(MAX_HEAD_BYTES)
            .keep_alive(true);
        let graceful = GracefulShutdown::new();
        let mut shutdown = std::pin::pin!(shutdown);
        loop {
            let stream = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok((stream, _)) => stream,
                    Err(e) => {
                        // Out of file descriptors and the like: wait a little, go on.
                        tracing::warn!("accept failed: {e}");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                },
                () = &mut shutdown => break,
            };
            let _ = stream.set_nodelay(true);
            let io = TokioIo::new(WriteTimeout::new(stream, state.opts.write_timeout));
            let conn = http.serve_connection(io, TowerToHyperService::new(app.clone()));
            let conn = graceful.watch(conn);
            tokio::spawn(async move {
                if let Err(e) = conn.await {
                    tracing::debug!("connection ended: {e}");
                }
            });
        }
        state.shutting_down.store(true, Ordering::Relaxed);
        drop(listener);
        tracing::info!("shutting down: finishing in-flight requests (grace period {:?})", state.opts.grace_period);
        tokio::select! {
            () = graceful.shutdown() => tracing::info!("every connection closed"),
            () = tokio::time::sleep(state.opts.grace_period) => {
                tracing::warn!("grace period over: {} extractions still running are abandoned", state.admission.running());
            }
        }
        Ok(())
    }
}

/// Runs the service until SIGTERM or SIGINT (Ctrl-C), on a runtime of its own: the entry of
/// `pith serve`. Prints the address listened on to stderr.
pub fn run(opts: ServeOptions, extractor: Extractor) -> io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let result = runtime.block_on(async {
        let server = Server::bind(opts, extractor).await?;
        let addr = server.local_addr()?;
        tracing::info!("listening on http://{addr}");
        eprintln!("pith: serving on http://{addr} (SIGTERM or Ctrl-C stops)");
        server.run(shutdown_signal()).await
    });
    // Blocking threads still extracting after the grace period are not waited for.
    runtime.shutdown_timeout(Duration::from_millis(100));
    result
}

/// SIGTERM or SIGINT.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let Ok(mut term) = signal(SignalKind::terminate()) else {
            let _ = tokio::signal::ctrl_c().await;
            return;
        };
        tokio::select! {
            _ = term.recv() => {}
            _ = tokio::signal::ctrl_c() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// A stream whose writes fail with `TimedOut` once one has made no progress for the timeout:
/// a client that stops reading its response cannot hold the connection (and its buffers)
/// forever.
struct WriteTimeout {
    inner: TcpStream,
    timeout: Duration,
    stalled: Option<Pin<Box<Sleep>>>,
}

impl WriteTimeout {
    fn new(inner: TcpStream, timeout: Duration) -> WriteTimeout {
        WriteTimeout { inner, timeout, stalled: None }
    }

    /// After a write that could not progress: `Ready(Err)` once it has been so for the timeout.
    fn check_stall<T>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        let timeout = self.timeout;
        let sleep = self.stalled.get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
        match sleep.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, "the client stopped reading"))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl AsyncRead for WriteTimeout {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for WriteTimeout {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.inner).poll_write(cx, buf) {
            Poll::Pending => self.check_stall(cx),
            done => {
                self.stalled = None;
                done
            }
        }
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match Pin::new(&mut self.inner).poll_flush(cx) {
            Poll::Pending => self.check_stall(cx),
            done => {
                self.stalled = None;
                done
            }
        }
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.inner).poll_write_vectored(cx, bufs) {
            Poll::Pending => self.check_stall(cx),
            done => {
                self.stalled = None;
                done
            }
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}
