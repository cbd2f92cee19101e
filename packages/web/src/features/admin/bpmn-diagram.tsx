import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import type Canvas from 'diagram-js/lib/core/Canvas';
import { useEffect, useRef, useState } from 'react';
import { ErrorMessage } from '../../ui/components';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';

/**
 * Fits the diagram to the frame's width, and the frame's height to the diagram (within bounds), so
 * that a wide process is neither tiny nor lost in blank space.
 */
function fit(canvas: Canvas, frame: HTMLElement): void {
  const { inner } = canvas.viewbox();
  if (inner.width > 0) {
    const height = (inner.height * frame.clientWidth) / inner.width + 48;
    frame.style.height = `${Math.round(Math.min(640, Math.max(240, height)))}px`;
    canvas.resized();
  }
  canvas.zoom('fit-viewport');
}

/**
 * A BPMN diagram drawn by bpmn-js in the page (no script of its own, so the CSP holds), fitted to
 * its frame; it can be dragged and zoomed. The figure around it names it; the steps table beside
 * it is the same process in words. Loaded on demand: bpmn-js is most of the administration's weight.
 */
export function BpmnDiagram({ xml, id }: { xml: string; id: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!container.current) return;
    const viewer = new NavigatedViewer({ container: container.current });
    let current = true;
    viewer
      .importXML(xml)
      .then(() => {
        if (current && container.current) fit(viewer.get<Canvas>('canvas'), container.current);
      })
      .catch((e: unknown) => {
        if (current) setError(e);
      });
    return () => {
      current = false;
      viewer.destroy();
    };
  }, [xml]);
  return (
    <>
      <div ref={container} id={id} className="diagram bpmn-diagram" data-testid="bpmn-diagram" />
      <ErrorMessage error={error} />
    </>
  );
}
