//! A folder of articles as a review queue: each article with its status,
//! read from the annotation file beside it, and where the reviewer stopped.

use std::convert::Infallible;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use crate::format::{annotation_path_for, load_annotations};
use crate::model::{Annotations, ReviewStatus, sha256_hex};

/// Where an article of the queue stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemStatus {
    /// No annotation file beside it yet, or one nobody has started to
    /// review (as `quotecheck extract` writes them).
    NotStarted,
    /// An annotation file a person has started on, not marked done.
    InProgress,
    Done,
    /// The annotation file, or the article it would be made from, does not
    /// load; why.
    Unreadable(String),
}

impl ItemStatus {
    /// The status of an article whose annotation file holds `doc`: a
    /// folder extracted ahead of review is all "not started" until a
    /// reviewer changes something.
    pub fn of_saved(doc: &Annotations) -> ItemStatus {
        if doc.review.status == ReviewStatus::Done {
            ItemStatus::Done
        } else if doc.review_started() {
            ItemStatus::InProgress
        } else {
            ItemStatus::NotStarted
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            ItemStatus::NotStarted => "not started",
            ItemStatus::InProgress => "in progress",
            ItemStatus::Done => "done",
            ItemStatus::Unreadable(_) => "unreadable",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct QueueItem {
    /// The article (`.txt`).
    pub article: PathBuf,
    pub status: ItemStatus,
    /// The confidence of the article's least sure quote nobody has decided
    /// on yet, from its annotation file (`None`: no such quote, or no file).
    pub least_sure: Option<f64>,
}

impl QueueItem {
    /// What to open for this article: its annotation file when there is
    /// one, so reviewed work is never extracted over.
    pub fn open_path(&self) -> PathBuf {
        let annotations = annotation_path_for(&self.article);
        if annotations.exists() {
            annotations
        } else {
            self.article.clone()
        }
    }
}

/// Every article of one folder, in name order, and the one under review.
#[derive(Debug, Clone)]
pub struct Queue {
    pub dir: PathBuf,
    pub items: Vec<QueueItem>,
    pub current: usize,
}

impl Queue {
    /// Reads the folder: every `.txt` in it is an article.
    pub fn open(dir: &Path) -> std::io::Result<Queue> {
        let ControlFlow::Continue(queue) =
            Queue::open_observed::<Infallible>(dir, |_, _| ControlFlow::Continue(()));
        queue
    }

    /// [`Queue::open`], telling `observe` how many annotation files of how
    /// many it has read (each is read and checked whole); `observe` may stop
    /// it, as the window does when the folder is closed meanwhile.
    pub fn open_observed<B>(
        dir: &Path,
        observe: impl FnMut(usize, usize) -> ControlFlow<B>,
    ) -> ControlFlow<B, std::io::Result<Queue>> {
        Queue::open_inspecting(dir, observe, |_, _| {})
    }

    /// [`Queue::open_observed`], handing every annotation file that loads
    /// to `inspect` with its path, so that whoever needs more of the files
    /// than their status (the window: who is quoted in each) reads the
    /// folder once.
    pub fn open_inspecting<B>(
        dir: &Path,
        mut observe: impl FnMut(usize, usize) -> ControlFlow<B>,
        mut inspect: impl FnMut(&Path, &Annotations),
    ) -> ControlFlow<B, std::io::Result<Queue>> {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => return ControlFlow::Continue(Err(e)),
        };
        let mut articles: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")))
            .collect();
        articles.sort();
        let total = articles.len();
        let mut items = Vec::with_capacity(total);
        for (done, article) in articles.into_iter().enumerate() {
            observe(done, total)?;
            let mut least_sure = None;
            let status = status_of(&article, |path, doc| {
                least_sure = doc.least_sure_pending();
                inspect(path, doc);
            });
            items.push(QueueItem {
                article,
                status,
                least_sure,
            });
        }
        observe(total, total)?;
        ControlFlow::Continue(Ok(Queue {
            dir: dir.to_owned(),
            items,
            current: 0,
        }))
    }

    pub fn current_item(&self) -> Option<&QueueItem> {
        self.items.get(self.current)
    }

    /// Reviewed share: (done, total).
    pub fn progress(&self) -> (usize, usize) {
        progress_of(self.items.iter().map(|i| &i.status))
    }

    /// Moves to the next article (or stays at the last); true if it moved.
    pub fn go_next(&mut self) -> bool {
        let moved = self.current + 1 < self.items.len();
        if moved {
            self.current += 1;
        }
        moved
    }

    /// The next article after the current one, going round to the first,
    /// that still needs a reviewer: not done, and not unreadable.
    pub fn next_unfinished(&self) -> Option<usize> {
        let n = self.items.len();
        (1..n).map(|k| (self.current + k) % n).find(|&i| {
            !matches!(
                self.items[i].status,
                ItemStatus::Done | ItemStatus::Unreadable(_)
            )
        })
    }

    pub fn go_previous(&mut self) -> bool {
        let moved = self.current > 0;
        if moved {
            self.current -= 1;
        }
        moved
    }

    /// The current article could not be opened, for the reason `why` (it
    /// is no text, say): it shows as unreadable, not as waiting for review,
    /// until an annotation file for it appears.
    pub fn current_unreadable(&mut self, why: String) {
        if let Some(item) = self.items.get_mut(self.current) {
            item.status = ItemStatus::Unreadable(why);
        }
    }

    /// Reads the status of every article again (after a save).
    pub fn refresh(&mut self) {
        for item in &mut self.items {
            let unopened = matches!(item.status, ItemStatus::Unreadable(_))
                && !annotation_path_for(&item.article).exists();
            if unopened {
                continue;
            }
            let mut least_sure = None;
            item.status = status_of(&item.article, |_, doc| {
                least_sure = doc.least_sure_pending();
            });
            item.least_sure = least_sure;
        }
    }

    /// Orders the articles least sure first (by their least sure pending
    /// quote; those with none, or not extracted yet, last, in name order),
    /// or back in name order. The article under review stays the current
    /// one.
    pub fn order(&mut self, least_sure_first: bool) {
        let current = self.current_item().map(|i| i.article.clone());
        if least_sure_first {
            let sureness = |i: &QueueItem| i.least_sure.unwrap_or(f64::INFINITY);
            self.items.sort_by(|a, b| {
                (sureness(a).total_cmp(&sureness(b))).then_with(|| a.article.cmp(&b.article))
            });
        } else {
            self.items.sort_by(|a, b| a.article.cmp(&b.article));
        }
        if let Some(article) = current {
            self.select(&article);
        }
    }

    /// Goes to the article at `path` if it is in the queue.
    pub fn select(&mut self, article: &Path) -> bool {
        match self.items.iter().position(|i| i.article == article) {
            Some(at) => {
                self.current = at;
                true
            }
            None => false,
        }
    }
}

/// How many of `statuses` are done, and how many there are.
pub fn progress_of<'s>(statuses: impl Iterator<Item = &'s ItemStatus>) -> (usize, usize) {
    statuses.fold((0, 0), |(done, total), s| {
        (done + usize::from(*s == ItemStatus::Done), total + 1)
    })
}

fn status_of(article: &Path, inspect: impl FnMut(&Path, &Annotations)) -> ItemStatus {
    status_inspecting(&annotation_path_for(article), inspect)
}

/// The status of the work saved at `annotations`: not started while there
/// is no such file.
pub fn status_of_annotations(annotations: &Path) -> ItemStatus {
    status_inspecting(annotations, |_, _| {})
}

/// [`status_of_annotations`], handing the file to `inspect` when it loads.
fn status_inspecting(
    annotations: &Path,
    mut inspect: impl FnMut(&Path, &Annotations),
) -> ItemStatus {
    if !annotations.exists() {
        return ItemStatus::NotStarted;
    }
    match load_annotations(annotations) {
        Ok(doc) => {
            inspect(annotations, &doc);
            ItemStatus::of_saved(&doc)
        }
        Err(e) => ItemStatus::Unreadable(e.to_string()),
    }
}

/// Remembers, per folder, which article the reviewer was on, in the user's
/// own data folder (not in the shared article folder).
#[derive(Debug, Clone)]
pub struct QueueMemory {
    dir: PathBuf,
}

impl QueueMemory {
    pub fn new(dir: impl Into<PathBuf>) -> QueueMemory {
        QueueMemory { dir: dir.into() }
    }

    fn file_for(&self, folder: &Path) -> PathBuf {
        let key = folder.canonicalize().unwrap_or_else(|_| folder.to_owned());
        self.dir
            .join(format!("{}.txt", &sha256_hex(&key.to_string_lossy())[..16]))
    }

    /// Records that the reviewer is on `queue`'s current article.
    pub fn remember(&self, queue: &Queue) -> std::io::Result<()> {
        let Some(item) = queue.current_item() else {
            return Ok(());
        };
        std::fs::create_dir_all(&self.dir)?;
        let name = item
            .article
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        std::fs::write(self.file_for(&queue.dir), name)
    }

    /// Puts `queue` back on the article the reviewer was on last time.
    pub fn restore(&self, queue: &mut Queue) {
        if let Ok(name) = std::fs::read_to_string(self.file_for(&queue.dir)) {
            let article = queue.dir.join(name.trim());
            queue.select(&article);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{save_annotations, to_json};

    #[test]
    fn an_extracted_file_is_not_started_until_a_reviewer_changes_it() {
        let text = "Ana said the port was closed.";
        let mut doc = crate::extract::extract("a.txt", text);
        assert_eq!(ItemStatus::of_saved(&doc), ItemStatus::NotStarted);
        let quote = doc.quotes[0].id.clone();
        let accept = crate::model::Intent::SetQuoteStatus {
            quote,
            status: crate::model::Status::Accepted,
        };
        let plan = accept.plan(&doc).unwrap().expect("a change");
        plan.transaction.apply(&mut doc).unwrap();
        assert_eq!(ItemStatus::of_saved(&doc), ItemStatus::InProgress);
    }

    /// "Mark done" moves on to the next article that needs a reviewer,
    /// going round past the last, and finds none when all are done.
    #[test]
    fn the_next_unfinished_article_goes_round_and_skips_done_ones() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a", "b", "c", "d"] {
            std::fs::write(dir.path().join(format!("{name}.txt")), "Text.").unwrap();
        }
        let mut queue = Queue::open(dir.path()).unwrap();
        queue.items[1].status = ItemStatus::Done;
        queue.items[2].status = ItemStatus::Unreadable("no text".to_owned());
        queue.current = 3;
        assert_eq!(queue.next_unfinished(), Some(0));
        queue.current = 0;
        assert_eq!(queue.next_unfinished(), Some(3));
        queue.items[3].status = ItemStatus::Done;
        assert_eq!(
            queue.next_unfinished(),
            None,
            "only the current one is left"
        );
    }

    #[test]
    fn an_article_that_did_not_open_stays_unreadable_until_it_has_a_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Article a.").unwrap();
        let mut queue = Queue::open(dir.path()).unwrap();
        queue.current_unreadable("a.txt: is not a text file".to_owned());
        queue.refresh();
        assert_eq!(
            queue.items[0].status,
            ItemStatus::Unreadable("a.txt: is not a text file".to_owned())
        );
        save_annotations(
            &dir.path().join("a.json"),
            &Annotations::new("a.txt", "Article a."),
        )
        .unwrap();
        queue.refresh();
        assert_eq!(queue.items[0].status, ItemStatus::NotStarted);
    }

    #[test]
    fn statuses_come_from_the_annotation_files_and_the_place_is_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("articles");
        std::fs::create_dir(&folder).unwrap();
        for name in ["a", "b", "c", "d"] {
            std::fs::write(
                folder.join(format!("{name}.txt")),
                format!("Article {name}."),
            )
            .unwrap();
        }
        let mut done = Annotations::new("b.txt", "Article b.");
        done.review.status = ReviewStatus::Done;
        save_annotations(&folder.join("b.json"), &done).unwrap();
        let mut started = Annotations::new("c.txt", "Article c.");
        started.review.status = ReviewStatus::InProgress;
        std::fs::write(folder.join("c.json"), to_json(&started).unwrap()).unwrap();
        std::fs::write(folder.join("d.json"), "{ broken").unwrap();

        let mut queue = Queue::open(&folder).unwrap();
        let statuses: Vec<_> = queue.items.iter().map(|i| i.status.clone()).collect();
        assert_eq!(
            statuses[..3],
            [
                ItemStatus::NotStarted,
                ItemStatus::Done,
                ItemStatus::InProgress
            ]
        );
        // A file that does not load says why, naming it.
        let ItemStatus::Unreadable(why) = &statuses[3] else {
            panic!("d.json does not load: {:?}", statuses[3]);
        };
        assert!(
            why.contains("d.json") && why.contains("not valid JSON"),
            "{why}"
        );
        assert_eq!(queue.progress(), (1, 4));
        // Every file that loads is handed over once, as it is read.
        let mut seen = Vec::new();
        let ControlFlow::Continue(Ok(_)) = Queue::open_inspecting::<Infallible>(
            &folder,
            |_, _| ControlFlow::Continue(()),
            |path, doc| seen.push((path.to_owned(), doc.document.name.clone())),
        ) else {
            panic!("the folder reads");
        };
        assert_eq!(
            seen,
            [
                (folder.join("b.json"), "b.txt".to_owned()),
                (folder.join("c.json"), "c.txt".to_owned())
            ]
        );
        assert_eq!(queue.items[1].open_path(), folder.join("b.json"));
        assert_eq!(queue.items[0].open_path(), folder.join("a.txt"));

        let memory = QueueMemory::new(dir.path().join("memory"));
        assert!(queue.go_next() && queue.go_next() && queue.go_next() && !queue.go_next());
        memory.remember(&queue).unwrap();
        let mut again = Queue::open(&folder).unwrap();
        memory.restore(&mut again);
        assert_eq!(again.current, 3);
    }
}
