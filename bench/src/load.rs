//! The load: simulated people, each on its own keep-alive HTTP/1.1
//! connection, sending the same operation again and again for a fixed time.
//! Every answer's latency is kept; an answer that is not a 200 carrying
//! `data` and no `errors` is a failure.

use std::net::{SocketAddr, ToSocketAddrs};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::{
    Request, StatusCode,
    client::conn::http1::SendRequest,
    header::{AUTHORIZATION, CONTENT_TYPE, HOST},
};
use hyper_util::rt::TokioIo;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tokio::net::{TcpSocket, TcpStream};

/// How long each operation runs, by how many people at once.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Plan {
    pub seconds: u64,
    pub clients: u64,
}

/// Longer than the server's own request timeout (15 s): the server, not
/// the client, should be the one to give up.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// Requests sent one by one before the clock starts, to warm the caches.
const WARM_UP_REQUESTS: usize = 5;
const WARM_UP_LIMIT: Duration = Duration::from_secs(3);

/// Where the server listens.
pub struct Server {
    address: SocketAddr,
    host: String,
}

impl Server {
    /// From `http://127.0.0.1:8080` (plain HTTP: the server runs next door).
    pub fn parse(url: &str) -> Result<Server, String> {
        let host = url
            .strip_prefix("http://")
            .ok_or(format!("`{url}` is not an http:// URL"))?
            .trim_end_matches('/');
        let address = host
            .to_socket_addrs()
            .map_err(|e| format!("`{host}`: {e}"))?
            .next()
            .ok_or(format!("`{host}` has no address"))?;
        Ok(Server {
            address,
            host: host.to_string(),
        })
    }
}

/// One GraphQL operation as a person sends it, the variables changing
/// from one request to the next.
pub struct Operation {
    pub document: &'static str,
    /// The access token, for a signed-in person.
    pub token: Option<String>,
    pub variables: Box<dyn Fn(u64) -> Value + Send + Sync>,
}

impl Operation {
    fn body(&self, n: u64) -> Bytes {
        let body = json!({ "query": self.document, "variables": (self.variables)(n) });
        Bytes::from(body.to_string())
    }
}

/// What one run of an operation measured.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Sample {
    pub clients: u64,
    pub seconds: f64,
    pub requests: u64,
    pub failures: u64,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub first_error: Option<String>,
}

type Connection = SendRequest<Full<Bytes>>;

/// Opens a connection for `person`: on a loopback server, from an address
/// of their own (127.0.0.2, .3, …), as households each on their own line;
/// the server's attempt limits count per address.
async fn connect_as(server: &Server, person: Option<u64>) -> Result<Connection, String> {
    let stream = match (person, server.address) {
        (Some(person), std::net::SocketAddr::V4(address)) if address.ip().is_loopback() => {
            let socket = TcpSocket::new_v4().map_err(|e| e.to_string())?;
            let own =
                std::net::Ipv4Addr::new(127, 0, (person / 250) as u8, 2 + (person % 250) as u8);
            socket
                .bind(std::net::SocketAddr::from((own, 0)))
                .map_err(|e| format!("binding {own}: {e}"))?;
            socket.connect(server.address).await
        }
        _ => TcpStream::connect(server.address).await,
    }
    .map_err(|e| format!("connecting to {}: {e}", server.address))?;
    stream.set_nodelay(true).map_err(|e| e.to_string())?;
    let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| format!("HTTP handshake: {e}"))?;
    tokio::spawn(async move {
        // Ends when the server closes or the sender is dropped.
        let _ = connection.await;
    });
    Ok(sender)
}

async fn connect(server: &Server) -> Result<Connection, String> {
    connect_as(server, None).await
}

/// Why a request failed: the connection (to be opened again) or the answer.
enum Failure {
    Connection(String),
    Answer(String),
}

async fn exchange(
    connection: &mut Connection,
    server: &Server,
    token: Option<&str>,
    body: Bytes,
) -> Result<Value, Failure> {
    connection
        .ready()
        .await
        .map_err(|e| Failure::Connection(e.to_string()))?;
    let mut request = Request::post("/graphql")
        .header(HOST, &server.host)
        .header(CONTENT_TYPE, "application/json");
    if let Some(token) = token {
        request = request.header(AUTHORIZATION, format!("Bearer {token}"));
    }
    let request = request
        .body(Full::new(body))
        .map_err(|e| Failure::Answer(e.to_string()))?;
    let response = connection
        .send_request(request)
        .await
        .map_err(|e| Failure::Connection(e.to_string()))?;
    let status = response.status();
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|e| Failure::Connection(e.to_string()))?
        .to_bytes();
    answer(status, &body).map_err(Failure::Answer)
}

/// `POST`s a file to `path` on a connection of its own: the status and the
/// answer's JSON (an import's check or result).
pub async fn post_file(
    server: &Server,
    path: &str,
    token: &str,
    bytes: Vec<u8>,
) -> Result<(StatusCode, Value), String> {
    let mut connection = connect(server).await?;
    connection.ready().await.map_err(|e| e.to_string())?;
    let request = Request::post(path)
        .header(HOST, &server.host)
        .header(CONTENT_TYPE, "application/octet-stream")
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .body(Full::new(Bytes::from(bytes)))
        .map_err(|e| e.to_string())?;
    let response = connection
        .send_request(request)
        .await
        .map_err(|e| e.to_string())?;
    let status = response.status();
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?
        .to_bytes();
    let value = serde_json::from_slice(&body)
        .map_err(|_| format!("HTTP {status}: {}", String::from_utf8_lossy(&body)))?;
    Ok((status, value))
}

/// The answer's JSON, or why it counts as a failure.
pub fn answer(status: StatusCode, body: &[u8]) -> Result<Value, String> {
    let value: Option<Value> = serde_json::from_slice(body).ok();
    let errors = value
        .as_ref()
        .and_then(|v| v.get("errors"))
        .filter(|e| !e.is_null())
        .map(summary);
    let shown = || match &errors {
        Some(errors) => errors.clone(),
        None => String::from_utf8_lossy(body).chars().take(300).collect(),
    };
    if status != StatusCode::OK {
        return Err(format!("HTTP {status}: {}", shown()));
    }
    let Some(value) = value else {
        return Err(format!("not JSON: {}", shown()));
    };
    if errors.is_some() {
        return Err(format!("errors in the answer: {}", shown()));
    }
    if value.get("data").is_none_or(Value::is_null) {
        return Err(format!("no data in the answer: {}", shown()));
    }
    Ok(value)
}

/// `CODE at path: message` for each GraphQL error.
fn summary(errors: &Value) -> String {
    let Some(errors) = errors.as_array() else {
        return errors.to_string();
    };
    let lines: Vec<String> = errors
        .iter()
        .map(|e| {
            let code = e["extensions"]["code"].as_str().unwrap_or("no code");
            let path: Vec<String> = e["path"]
                .as_array()
                .map(|p| {
                    p.iter()
                        .map(|part| part.as_str().map_or(part.to_string(), str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            let message = e["message"].as_str().unwrap_or_default();
            if path.is_empty() {
                format!("{code}: {message}")
            } else {
                format!("{code} at {}: {message}", path.join("."))
            }
        })
        .collect();
    lines.join("; ")
}

/// Sends one request on a connection of its own (signing in).
pub async fn call(server: &Server, operation: &Operation) -> Result<Value, String> {
    let mut connection = connect(server).await?;
    match exchange(
        &mut connection,
        server,
        operation.token.as_deref(),
        operation.body(0),
    )
    .await
    {
        Ok(value) => Ok(value),
        Err(Failure::Connection(e) | Failure::Answer(e)) => Err(e),
    }
}

struct ClientOutcome {
    latencies: Vec<Duration>,
    failures: u64,
    first_error: Option<String>,
}

/// One person: sends, waits for the answer, sends again, until `deadline`.
async fn person(
    server: Arc<Server>,
    operation: Arc<Operation>,
    client: u64,
    mut connection: Option<Connection>,
    sent: Arc<AtomicU64>,
    deadline: Instant,
) -> ClientOutcome {
    let mut outcome = ClientOutcome {
        latencies: Vec::new(),
        failures: 0,
        first_error: None,
    };
    while Instant::now() < deadline {
        let body = operation.body(sent.fetch_add(1, Ordering::Relaxed));
        let started = Instant::now();
        let result = async {
            let open = match connection.take() {
                Some(open) => open,
                None => connect_as(&server, Some(client))
                    .await
                    .map_err(Failure::Connection)?,
            };
            let connection = connection.insert(open);
            exchange(connection, &server, operation.token.as_deref(), body).await
        };
        let result = match tokio::time::timeout(REQUEST_TIMEOUT, result).await {
            Ok(result) => result,
            Err(_) => Err(Failure::Connection(format!(
                "no answer within {} s",
                REQUEST_TIMEOUT.as_secs()
            ))),
        };
        outcome.latencies.push(started.elapsed());
        let error = match result {
            Ok(_) => continue,
            Err(Failure::Connection(e)) => {
                // A broken connection is opened again for the next request.
                connection = None;
                format!("connection: {e}")
            }
            Err(Failure::Answer(e)) => e,
        };
        outcome.failures += 1;
        outcome.first_error.get_or_insert(error);
    }
    outcome
}

/// Runs `operation` with `clients` people at once for `duration`.
pub async fn measure(
    server: &Arc<Server>,
    operation: &Arc<Operation>,
    clients: u64,
    duration: Duration,
) -> Result<Sample, String> {
    // Warm the caches. A failure here is not the end: the timed run counts
    // failures, and the other operations are still worth measuring.
    let warm_up = Instant::now();
    for _ in 0..WARM_UP_REQUESTS {
        if call(server, operation).await.is_err() || warm_up.elapsed() > WARM_UP_LIMIT {
            break;
        }
    }
    // Connections are opened before the clock starts: it times requests.
    let mut connections = Vec::new();
    for client in 0..clients {
        connections.push(connect_as(server, Some(client)).await?);
    }
    let sent = Arc::new(AtomicU64::new(WARM_UP_REQUESTS as u64));
    let started = Instant::now();
    let deadline = started + duration;
    let people: Vec<_> = connections
        .into_iter()
        .enumerate()
        .map(|(client, connection)| {
            tokio::spawn(person(
                server.clone(),
                operation.clone(),
                client as u64,
                Some(connection),
                sent.clone(),
                deadline,
            ))
        })
        .collect();
    let mut latencies = Vec::new();
    let (mut failures, mut first_error) = (0, None);
    for person in people {
        let outcome = person.await.map_err(|e| format!("a client stopped: {e}"))?;
        latencies.extend(outcome.latencies);
        failures += outcome.failures;
        if first_error.is_none() {
            first_error = outcome.first_error;
        }
    }
    // Requests still running at the deadline are waited for and counted.
    let seconds = started.elapsed().as_secs_f64();
    latencies.sort_unstable();
    let ms = |d: Option<&Duration>| d.map_or(0.0, |d| d.as_secs_f64() * 1_000.0);
    let requests = latencies.len() as u64;
    Ok(Sample {
        clients,
        seconds,
        requests,
        failures,
        per_second: requests as f64 / seconds.max(f64::EPSILON),
        p50_ms: ms(percentile(&latencies, 50.0)),
        p99_ms: ms(percentile(&latencies, 99.0)),
        max_ms: ms(latencies.last()),
        first_error,
    })
}

/// The nearest-rank percentile of sorted values.
fn percentile<T>(sorted: &[T], percent: f64) -> Option<&T> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (percent / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted.get(rank.clamp(1, sorted.len()) - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let values: Vec<u32> = (1..=100).collect();
        assert_eq!(percentile(&values, 50.0), Some(&50));
        assert_eq!(percentile(&values, 99.0), Some(&99));
        assert_eq!(percentile(&values, 100.0), Some(&100));
        assert_eq!(percentile(&[7], 99.0), Some(&7));
        assert_eq!(percentile::<u32>(&[], 50.0), None);
    }

    #[test]
    fn answers_with_errors_are_failures() {
        let ok = br#"{"data":{"tracking":{"trained":true}}}"#;
        assert!(answer(StatusCode::OK, ok).is_ok());
        let refused =
            br#"{"data":null,"errors":[{"message":"x","extensions":{"code":"FORBIDDEN"}}]}"#;
        let error = answer(StatusCode::OK, refused).expect_err("errors fail");
        assert_eq!(error, "errors in the answer: FORBIDDEN: x");
        let timed_out = br#"{"data":null,"errors":[{"message":"slow","path":["current"],"extensions":{"code":"REQUEST_TIMEOUT"}}]}"#;
        let error = answer(StatusCode::SERVICE_UNAVAILABLE, timed_out).expect_err("503 fails");
        assert_eq!(
            error,
            "HTTP 503 Service Unavailable: REQUEST_TIMEOUT at current: slow"
        );
        let partial = br#"{"data":{"a":1},"errors":[{"message":"x"}]}"#;
        assert!(answer(StatusCode::OK, partial).is_err());
        assert!(answer(StatusCode::OK, br#"{"data":null}"#).is_err());
        assert!(answer(StatusCode::SERVICE_UNAVAILABLE, ok).is_err());
        assert!(answer(StatusCode::OK, b"<html>").is_err());
    }

    #[test]
    fn reads_the_server_address() {
        let server = Server::parse("http://127.0.0.1:8080/").expect("parses");
        assert_eq!(server.host, "127.0.0.1:8080");
        assert_eq!(server.address.port(), 8080);
        assert!(Server::parse("https://127.0.0.1:8080").is_err());
    }
}
