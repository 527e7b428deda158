//! Passerelle's benchmarks, in steps that `cargo xtask bench` runs in turn
//! around the real server: make a database, fill it with a national-scale
//! programme, load the running server over HTTP, weigh the SPA, and write
//! the results. Each step reads and writes small JSON files, so any one can
//! be run again by hand.

mod args;
mod dataset;
mod imports;
mod load;
mod operations;
mod postgres;
mod report;
mod spa;

use std::path::PathBuf;
use std::process::ExitCode;

use args::Args;

const USAGE: &str = "\
usage: passerelle-bench <step> [options]   (normally run by `cargo xtask bench`)

steps:
  seed --database-url URL --out FILE [--quick]
        migrate, add the demo accounts and a national-scale programme
        (100 000 devices, 20 000 learners, 5 000 pickups; --quick: a tenth);
        FILE gets what the load needs (accounts, tracking codes, donors)
  load --url http://HOST:PORT --seed FILE --database NAME --seconds N --clients N --out FILE [--only KEY]
        the four operations against a running server, one after the other
        (--only device_list, tracking, record_pickup, report_alone or report: that one)
  import --url http://HOST:PORT --seed FILE --database NAME --rows N [--pid PID] --out FILE
        a workbook of N records of each kind checked, then imported (time; the
        server's memory from /proc/PID)
  create-database --admin-url URL --name NAME     a fresh PostgreSQL database
  drop-database --admin-url URL --name NAME       drop it again
  spa-size --dist DIR --out FILE                  what the browser downloads first, raw, gzip, brotli
  report --runs DIR --out-dir DIR                 latest.json and latest.md from the steps' files
";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let mut argv = std::env::args().skip(1);
    let Some(step) = argv.next() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let args = match Args::parse(argv) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&step, &args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(step: &str, args: &Args) -> Result<(), String> {
    match step {
        "seed" => {
            let scale = if args.flag("--quick") {
                dataset::Scale::QUICK
            } else {
                dataset::Scale::FULL
            };
            let seeded = dataset::seed(args.value("--database-url")?, scale).await?;
            write_json(&args.path("--out")?, &seeded)
        }
        "load" => {
            let seeded: dataset::Seeded = read_json(&args.path("--seed")?)?;
            let plan = load::Plan {
                seconds: args.number("--seconds")?,
                clients: args.number("--clients")?,
            };
            let run = operations::run_all(
                args.value("--url")?,
                args.value("--database")?,
                &seeded,
                plan,
                args.value("--only").ok(),
            )
            .await?;
            write_json(&args.path("--out")?, &run)
        }
        "import" => {
            let seeded: dataset::Seeded = read_json(&args.path("--seed")?)?;
            let pid = args.value("--pid").ok().and_then(|p| p.parse().ok());
            let run = imports::run(
                args.value("--url")?,
                args.value("--database")?,
                &seeded,
                args.number("--rows")? as usize,
                pid,
            )
            .await?;
            write_json(&args.path("--out")?, &run)
        }
        "create-database" => {
            let url = postgres::create_database(args.value("--admin-url")?, args.value("--name")?)
                .await?;
            println!("{url}");
            Ok(())
        }
        "drop-database" => {
            postgres::drop_database(args.value("--admin-url")?, args.value("--name")?).await
        }
        "spa-size" => {
            let sizes = spa::measure(&args.path("--dist")?)?;
            write_json(&args.path("--out")?, &sizes)
        }
        "report" => report::write(&args.path("--runs")?, &args.path("--out-dir")?),
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown step `{other}`\n\n{USAGE}")),
    }
}

pub fn write_json<T: serde::Serialize>(path: &PathBuf, value: &T) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    std::fs::write(path, text + "\n").map_err(|e| format!("writing {}: {e}", path.display()))
}

pub fn read_json<T: serde::de::DeserializeOwned>(path: &PathBuf) -> Result<T, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("reading {}: {e}", path.display()))
}
