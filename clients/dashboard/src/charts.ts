// Chart.js, registered piece by piece so that only the chart types used here are bundled.
// Animations are off: the figures should be readable at once, also with reduced motion.
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.color = '#1d1d1b';

const charts: Chart[] = [];
const BAR = '#0b5c43';

function canvas(id: string): HTMLCanvasElement {
  return document.getElementById(id) as HTMLCanvasElement;
}

/** Destroys the charts drawn so far (before a new theme is drawn). */
export function destroyCharts(): void {
  for (const chart of charts.splice(0)) chart.destroy();
}

export function lineChart(
  id: string,
  labels: string[],
  series: { label: string; data: number[]; colour: string; dashed?: boolean }[],
): void {
  charts.push(
    new Chart(canvas(id), {
      type: 'line',
      data: {
        labels,
        datasets: series.map((s) => ({
          label: s.label,
          data: s.data,
          borderColor: s.colour,
          backgroundColor: s.colour,
          borderDash: s.dashed ? [6, 4] : [],
          stepped: true,
          pointRadius: 0,
          borderWidth: 3,
        })),
      },
      options: {
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: 'bottom' } },
      },
    }),
  );
}

export function barChart(id: string, labels: string[], data: number[], label: string, horizontal = false): void {
  charts.push(
    new Chart(canvas(id), {
      type: 'bar',
      data: { labels, datasets: [{ label, data, backgroundColor: BAR }] },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        scales: { [horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { display: false } },
      },
    }),
  );
}

export function doughnutChart(id: string, labels: string[], data: number[], colours: string[]): void {
  charts.push(
    new Chart(canvas(id), {
      type: 'doughnut',
      data: { labels, datasets: [{ data, backgroundColor: colours, borderColor: '#1d1d1b', borderWidth: 1 }] },
      options: { plugins: { legend: { position: 'right' } } },
    }),
  );
}
