//! The charts of a laid-out document as pictures: each figure that is not
//! a table, cut out of its page exactly as the PDF prints it, for the
//! Word copy.

use typst::foundations::{Content, Value};
use typst::introspection::Tag;
use typst::layout::{Abs, Frame, FrameItem, Point, Size};
use typst::model::FigureElem;
use typst_layout::PagedDocument;

use super::{TypesetError, png_page};

/// A chart as printed: its PNG, its size and its alt text.
#[derive(Debug, Clone, PartialEq)]
pub struct FigurePicture {
    /// The PNG image.
    pub png: Vec<u8>,
    /// Its size in pixels.
    pub pixels: (u32, u32),
    /// Its size on the page, in points.
    pub points: (f64, f64),
    /// The figure's alt text.
    pub alt: String,
}

/// How far around its ink a picture reaches, in points.
const MARGIN: f64 = 1.0;

/// Every figure of `document` other than a table, in reading order, each
/// rendered at `pixel_per_pt` pixels per point.
///
/// # Errors
///
/// [`TypesetError::Png`] when a picture cannot be encoded.
pub fn figure_pictures(
    document: &PagedDocument,
    pixel_per_pt: f64,
) -> Result<Vec<FigurePicture>, TypesetError> {
    let mut pictures = Vec::new();
    for page in document.pages() {
        let mut found = Vec::new();
        figures_in(&page.frame, &mut found);
        for (alt, frame) in found {
            let mut cut = page.clone();
            let size = frame.size();
            cut.frame = frame;
            cut.bleed = Default::default();
            let png = png_page(&cut, pixel_per_pt)?;
            let pixels = (
                (size.x.to_pt() * pixel_per_pt).ceil() as u32,
                (size.y.to_pt() * pixel_per_pt).ceil() as u32,
            );
            pictures.push(FigurePicture {
                png,
                pixels,
                points: (size.x.to_pt(), size.y.to_pt()),
                alt,
            });
        }
    }
    Ok(pictures)
}

/// Whether `content` is a figure of a chart (not of a table), and its alt
/// text.
fn chart_figure(content: &Content) -> Option<String> {
    if !content.is::<FigureElem>() {
        return None;
    }
    let kind = content.get_by_name("kind").ok();
    if let Some(Value::Func(func)) = &kind
        && func.name() == Some("table")
    {
        return None;
    }
    match content.get_by_name("alt").ok() {
        Some(Value::Str(alt)) => Some(alt.to_string()),
        _ => Some(String::new()),
    }
}

/// The figures of charts in `frame`, each as its alt text and a frame
/// holding what is drawn between its tags, cropped to its ink.
fn figures_in(frame: &Frame, found: &mut Vec<(String, Frame)>) {
    let items: Vec<&(Point, FrameItem)> = frame.items().collect();
    let mut i = 0;
    while i < items.len() {
        let (_, item) = items[i];
        if let FrameItem::Tag(Tag::Start(content, _)) = item
            && let Some(alt) = chart_figure(content)
        {
            let location = content.location();
            let end = (i + 1..items.len()).find(
                |&j| matches!(&items[j].1, FrameItem::Tag(Tag::End(l, ..)) if Some(*l) == location),
            );
            if let Some(end) = end {
                found.push((alt, cropped(&items[i + 1..end])));
                i = end + 1;
                continue;
            }
        }
        if let FrameItem::Group(group) = item {
            figures_in(&group.frame, found);
        }
        i += 1;
    }
}

/// A frame holding `items`, moved so that their ink starts at the top
/// left, with a small margin.
fn cropped(items: &[&(Point, FrameItem)]) -> Frame {
    let (mut min, mut max) = (Point::splat(Abs::inf()), Point::splat(-Abs::inf()));
    let mut extend = |a: Point, b: Point| {
        min = min.min(a);
        max = max.max(b);
    };
    for (pos, item) in items {
        match item {
            FrameItem::Group(group) => extend(*pos, *pos + group.frame.size().to_point()),
            FrameItem::Text(text) => {
                let width = text.width();
                let size = text.size;
                extend(
                    *pos - Point::with_y(size),
                    *pos + Point::new(width, size * 0.3),
                );
            }
            FrameItem::Shape(shape, _) => {
                let bbox = shape.bbox(true);
                extend(*pos + bbox.min, *pos + bbox.max);
            }
            FrameItem::Image(_, size, _) => extend(*pos, *pos + size.to_point()),
            _ => {}
        }
    }
    if min.x > max.x {
        return Frame::hard(Size::zero());
    }
    let margin = Abs::pt(MARGIN);
    let origin = min - Point::splat(margin);
    let size = (max - min).to_size() + Size::splat(2.0 * margin);
    let mut frame = Frame::hard(size);
    for (pos, item) in items {
        frame.push(*pos - origin, item.clone());
    }
    frame
}
