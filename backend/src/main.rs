//! `passerelle [serve]` runs the server; `passerelle create-coordinator` sets
//! up the first account of a real (non-demo) install.

use std::{io::BufRead, process::ExitCode};

use passerelle::{
    build_app,
    config::Settings,
    demo, prepare,
    services::{
        ServiceError, organisations,
        users::{self, NewAccount},
    },
};
use shared_types::{ErrorCode, Language, OrganisationKind, Role, validation};

// See backend/Cargo.toml: glibc's malloc cost a fifth of the read throughput.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "\
usage:
  passerelle [serve]
  passerelle create-coordinator --email EMAIL --name NAME [--organisation NAME] [--programme NAME]
      (the password is read from PASSERELLE_NEW_PASSWORD, or else from the first line of standard input)
  passerelle backup DIR     the database (online) and the photos and reports, into DIR
  passerelle restore DIR    put a backup back (stop the server first)

Settings come from PASSERELLE_* environment variables; see README.md.";

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn".into()),
        )
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        None | Some("serve") => serve().await,
        Some("create-coordinator") => create_coordinator(&args[1..]).await,
        Some(command @ ("backup" | "restore")) => backup_or_restore(command, args.get(1)).await,
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command '{other}'\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve() -> Result<(), String> {
    let settings = Settings::from_env().map_err(|e| e.to_string())?;
    tracing::info!(?settings, "starting");
    let bind = settings.bind;
    let demo = settings.demo;
    let state = prepare(settings).await.map_err(|e| e.to_string())?;
    if demo {
        demo::load_sample_pickups(&state.db)
            .await
            .map_err(|e| format!("demo pickups: {e}"))?;
    }
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .map_err(|e| format!("cannot listen on {bind}: {e}"))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    println!("Passerelle is running at http://{address}/");
    if demo {
        println!("Demo accounts (password: {}):", demo::DEMO_PASSWORD);
        for login in demo::DEMO_LOGINS {
            println!(
                "  {:<34} {:?} — {}",
                login.email, login.role, login.organisation
            );
        }
    }
    passerelle::start_sending(&state);
    if let Some(retention) = state.settings.retention {
        tokio::spawn(retention_job(state.db.clone(), retention));
    }
    let app = build_app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
}

/// Pseudonymises closed records past the retention period, at start and
/// then once a day. A failed run is logged and tried again the next day.
async fn retention_job(db: passerelle::db::Db, retention: std::time::Duration) {
    let Ok(retention) = chrono::Duration::from_std(retention) else {
        return;
    };
    let mut day = tokio::time::interval(std::time::Duration::from_secs(86_400));
    loop {
        day.tick().await;
        match passerelle::services::training::privacy::apply_retention(
            &db,
            chrono::Utc::now(),
            retention,
        )
        .await
        {
            Ok(0) => {}
            Ok(n) => tracing::info!(people = n, "retention: closed records pseudonymised"),
            Err(e) => tracing::error!(error = %e, "retention job failed"),
        }
    }
}

/// A rule broken is said in plain words; anything else in full, for the operator.
fn explain<E: ServiceError>(error: E) -> String {
    match error.code() {
        ErrorCode::Internal => error.to_string(),
        code => code.message_en().to_string(),
    }
}

fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

async fn create_coordinator(args: &[String]) -> Result<(), String> {
    let email = flag(args, "--email").ok_or(format!("--email is required\n\n{USAGE}"))?;
    let name = flag(args, "--name").ok_or(format!("--name is required\n\n{USAGE}"))?;
    let organisation = flag(args, "--organisation").unwrap_or("Coordination");
    let programme = flag(args, "--programme").unwrap_or("Passerelle");
    let password = match std::env::var("PASSERELLE_NEW_PASSWORD") {
        Ok(p) if !p.is_empty() => p,
        _ => {
            eprintln!("Password for {email} (one line):");
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(|e| e.to_string())?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    let mut settings = Settings::from_env().map_err(|e| e.to_string())?;
    settings.demo = false;
    let state = prepare(settings).await.map_err(|e| e.to_string())?;
    // Check the account before creating anything, so that a typo leaves no empty programme behind.
    validation::check_new_account(
        Some(OrganisationKind::Coordinator),
        name,
        email,
        &password,
        &[Role::Coordinator],
    )
    .map_err(|code| code.message_en().to_string())?;
    let org = organisations::create_programme(&state.db, programme, organisation)
        .await
        .map_err(explain)?;
    let account = NewAccount {
        organisation_id: org.id,
        email: email.into(),
        display_name: name.into(),
        password,
        roles: vec![Role::Coordinator],
        language: Language::Fr,
    };
    let created = users::create(&state.db, org.programme_id, account)
        .await
        .map_err(explain)?;
    println!(
        "Created coordinator {} in {} ({}).",
        created.email, org.name, programme
    );
    Ok(())
}

async fn backup_or_restore(command: &str, dir: Option<&String>) -> Result<(), String> {
    let dir = dir.ok_or(format!("{command} needs a folder\n\n{USAGE}"))?;
    let settings = Settings::from_env().map_err(|e| e.to_string())?;
    let dir = std::path::Path::new(dir);
    if command == "backup" {
        passerelle::backup::backup(&settings, dir).await?;
        println!("Backed up to {}", dir.display());
    } else {
        passerelle::backup::restore(&settings, dir).await?;
        println!("Restored from {}", dir.display());
    }
    Ok(())
}
