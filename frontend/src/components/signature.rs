//! The donor signs on the screen with a finger; the strokes are kept as
//! points (small, and drawn again in the receipt), never as an image.

use leptos::{html::Canvas, prelude::*};
use shared_types::pickup::{MAX_SIGNATURE_POINTS, SIGNATURE_HEIGHT, SIGNATURE_WIDTH};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, PointerEvent};

use crate::i18n::{Key, use_i18n};

fn context(canvas: &web_sys::HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

/// Where the pointer is, in pad units.
fn pad_point(canvas: &web_sys::HtmlCanvasElement, ev: &PointerEvent) -> (i32, i32) {
    let rect = canvas.get_bounding_client_rect();
    let x = (ev.client_x() as f64 - rect.left()) * SIGNATURE_WIDTH as f64 / rect.width().max(1.0);
    let y = (ev.client_y() as f64 - rect.top()) * SIGNATURE_HEIGHT as f64 / rect.height().max(1.0);
    (
        (x.round() as i32).clamp(0, SIGNATURE_WIDTH),
        (y.round() as i32).clamp(0, SIGNATURE_HEIGHT),
    )
}

#[component]
pub fn SignaturePad(strokes: RwSignal<Vec<Vec<i32>>>) -> impl IntoView {
    let i18n = use_i18n();
    let canvas_ref = NodeRef::<Canvas>::new();
    let drawing = RwSignal::new(false);
    let points = move || strokes.with(|s| s.iter().map(|s| s.len() / 2).sum::<usize>());
    let down = move |ev: PointerEvent| {
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        ev.prevent_default();
        let _ = canvas.set_pointer_capture(ev.pointer_id());
        if points() >= MAX_SIGNATURE_POINTS {
            return;
        }
        let (x, y) = pad_point(&canvas, &ev);
        drawing.set(true);
        strokes.update(|s| s.push(vec![x, y]));
        if let Some(ctx) = context(&canvas) {
            ctx.set_line_width(3.0);
            ctx.set_line_cap("round");
            ctx.set_line_join("round");
            ctx.begin_path();
            ctx.move_to(x as f64, y as f64);
            ctx.line_to(x as f64 + 0.1, y as f64);
            ctx.stroke();
        }
    };
    let moved = move |ev: PointerEvent| {
        if !drawing.get_untracked() {
            return;
        }
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let (x, y) = pad_point(&canvas, &ev);
        let mut from = None;
        strokes.update(|s| {
            if let Some(last) = s.last_mut() {
                let (px, py) = (last[last.len() - 2], last[last.len() - 1]);
                // Points closer than this add nothing visible, only weight.
                if (px - x).abs() + (py - y).abs() >= 3 {
                    last.extend([x, y]);
                    from = Some((px, py));
                }
            }
        });
        if let (Some((px, py)), Some(ctx)) = (from, context(&canvas)) {
            ctx.begin_path();
            ctx.move_to(px as f64, py as f64);
            ctx.line_to(x as f64, y as f64);
            ctx.stroke();
        }
        if points() >= MAX_SIGNATURE_POINTS {
            drawing.set(false);
        }
    };
    let up = move |_: PointerEvent| drawing.set(false);
    let clear = move |_| {
        strokes.set(Vec::new());
        if let Some(canvas) = canvas_ref.get()
            && let Some(ctx) = context(&canvas)
        {
            ctx.clear_rect(0.0, 0.0, SIGNATURE_WIDTH as f64, SIGNATURE_HEIGHT as f64);
        }
    };
    view! {
        <div class="signature">
            <canvas
                node_ref=canvas_ref
                class="signature-pad"
                width=SIGNATURE_WIDTH
                height=SIGNATURE_HEIGHT
                role="img"
                aria-label=move || i18n.t(Key::SignatureArea)
                on:pointerdown=down
                on:pointermove=moved
                on:pointerup=up
                on:pointercancel=up
            ></canvas>
            <button type="button" class="link-button" on:click=clear>{move || i18n.t(Key::ClearSignature)}</button>
        </div>
    }
}

/// The pad's strokes as the API carries them (GraphQL `Int`s).
pub fn wire_strokes(strokes: Vec<Vec<i32>>) -> Vec<Vec<i64>> {
    strokes
        .into_iter()
        .map(|stroke| stroke.into_iter().map(i64::from).collect())
        .collect()
}

/// A recorded signature, drawn again from its strokes.
#[component]
pub fn SignatureView(strokes: Vec<Vec<i64>>) -> impl IntoView {
    let i18n = use_i18n();
    let view_box = format!("0 0 {SIGNATURE_WIDTH} {SIGNATURE_HEIGHT}");
    view! {
        <svg class="signature-view" viewBox=view_box role="img" aria-label=move || i18n.t(Key::Signature)>
            {strokes
                .into_iter()
                .map(|stroke| {
                    let points = stroke
                        .chunks(2)
                        .map(|p| format!("{},{}", p[0], p[1]))
                        .collect::<Vec<_>>()
                        .join(" ");
                    view! { <polyline points=points /> }
                })
                .collect_view()}
        </svg>
    }
}
