import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { CommentCard, StreamingCard } from "./CommentCard.js";
import type { TranscriptComment } from "./transcript-comment.js";
import type { StreamingComment } from "./run-store.js";
import { avatarLooks } from "./avatars.js";

/** How close to the bottom (px) still counts as "at the latest comment". */
const NEAR_BOTTOM = 48;

interface CommentListProps {
  comments: TranscriptComment[];
  streaming: StreamingComment | null;
  /** Shown after the last card, in the scrolling flow (errors, the human's text box). */
  footer?: ReactNode;
  /** Start pinned to the newest comment (live runs); otherwise start at the top. */
  followLatest?: boolean;
}

/**
 * The transcript's cards, virtualized so thousands of comments cost only the rows on screen.
 * It follows the newest comment until the user scrolls up, then offers a way back.
 */
export function CommentList({ comments, streaming, footer, followLatest = true }: CommentListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(followLatest);
  const followingRef = useRef(followLatest);
  const dragging = useRef(false);
  const count = comments.length + (streaming ? 1 : 0);

  const follow = useCallback((value: boolean) => {
    followingRef.current = value;
    setFollowing(value);
  }, []);

  const scrollToBottom = useCallback(() => {
    const element = scrollRef.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, []);
  // Checked again when the frame comes: the user may have scrolled up since it was asked for.
  const keepPinned = useCallback(() => {
    if (followingRef.current) scrollToBottom();
  }, [scrollToBottom]);

  // eslint-disable-next-line react-hooks/incompatible-library -- the React Compiler is not used here, so nothing is memoized that this would make stale
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 110,
    overscan: 6,
    gap: 8,
    // Keyed by row: the streaming card and the comment it becomes share a key, so the finished
    // card is a re-measurement (never shifts a reader scrolled above it), not a new item.
    getItemKey: (row) => row,
    // jsdom and the first frame have no layout; assume a window-sized viewport until measured.
    initialRect: { width: 800, height: 700 },
    // Measurements and growth of the streaming card change the height: stay pinned while following.
    onChange: () => {
      if (followingRef.current) requestAnimationFrame(keepPinned);
    },
  });

  const speaker = streaming?.speaker;
  const looks = useMemo(() => avatarLooks([...comments.map((comment) => comment.name), ...(speaker ? [speaker] : [])]), [comments, speaker]);

  const streamingLength = streaming?.text.length ?? 0;
  useEffect(() => {
    if (followingRef.current) requestAnimationFrame(keepPinned);
  }, [count, streamingLength, footer, keepPinned]);

  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM;
    if (atBottom && !followingRef.current) follow(true);
    else if (!atBottom && dragging.current && followingRef.current) follow(false);
  };
  // Only the user's own gestures let go of the bottom; our scrolls and re-measurements never do.
  const userScrolledUp = () => {
    if (followingRef.current) follow(false);
  };
  const jumpToLatest = () => {
    follow(true);
    virtualizer.scrollToIndex(count - 1, { align: "end" });
    requestAnimationFrame(scrollToBottom);
  };
  // The browser's own Home/End go by the estimated height: unmeasured rows put End thousands of comments short.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Home") {
      event.preventDefault();
      userScrolledUp();
      virtualizer.scrollToIndex(0, { align: "start" });
    } else if (event.key === "End") {
      event.preventDefault();
      if (count > 0) jumpToLatest();
    } else if (["PageUp", "ArrowUp"].includes(event.key)) userScrolledUp();
  };

  const rows = virtualizer.getVirtualItems();
  return (
    <div className="relative min-h-0 flex-1">
      <div
        ref={scrollRef}
        data-testid="comment-scroller"
        tabIndex={0}
        aria-label="Comments"
        className="h-full overflow-y-auto px-6 py-4 outline-none"
        onScroll={onScroll}
        onWheel={(event) => event.deltaY < 0 && userScrolledUp()}
        onTouchMove={() => (dragging.current = true)}
        onTouchEnd={() => (dragging.current = false)}
        onPointerDown={() => (dragging.current = true)}
        onPointerUp={() => (dragging.current = false)}
        onKeyDown={onKeyDown}
      >
        <div className="relative mx-auto w-full max-w-3xl" style={{ height: virtualizer.getTotalSize() }}>
          {rows.map((row) => {
            const comment = comments[row.index];
            return (
              <div key={row.key} data-index={row.index} ref={virtualizer.measureElement} className="absolute top-0 left-0 w-full" style={{ transform: `translateY(${row.start}px)` }}>
                {comment ? (
                  <CommentCard comment={comment} avatarLabel={looks.get(comment.name)?.label ?? "?"} avatarColour={looks.get(comment.name)?.colour ?? ""} />
                ) : (
                  streaming && <StreamingCard index={row.index} streaming={streaming} avatarLabel={looks.get(streaming.speaker)?.label ?? "?"} avatarColour={looks.get(streaming.speaker)?.colour ?? ""} />
                )}
              </div>
            );
          })}
        </div>
        {footer && <div className="mx-auto mt-3 w-full max-w-3xl">{footer}</div>}
      </div>
      {!following && count > 0 && (
        <button
          type="button"
          onClick={jumpToLatest}
          className="absolute bottom-4 left-1/2 -translate-x-1/2 rounded-full bg-indigo-600 px-4 py-1.5 text-sm font-medium text-white shadow-lg hover:bg-indigo-500"
        >
          Jump to latest ↓
        </button>
      )}
    </div>
  );
}
