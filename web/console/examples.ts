// Documented example queries for the analyst console: each says what it answers.

/** Window event (detail: example id) that loads an example into the console's editor. */
export const EXAMPLE_EVENT = 'atlas-console-example';

export interface ExampleQuery {
  id: string;
  titleVi: string;
  titleEn: string;
  descriptionVi: string;
  descriptionEn: string;
  query: string;
}

export const EXAMPLES: readonly ExampleQuery[] = [
  {
    id: 'village-values',
    titleVi: 'Giá trị một chỉ tiêu của từng bản',
    titleEn: 'One indicator for every village',
    descriptionVi: 'Mỗi bản với xã cũ, giá trị, tình trạng và nguồn (null = chưa rõ ở cấp bản). Xuất CSV để mở bằng Excel.',
    descriptionEn: 'Each village with its former commune, value, status and source (null = unknown at village level). Export as CSV for a spreadsheet.',
    query: `# Giá trị "có đường ô tô đến bản" của từng bản, với nguồn
query VillageValues {
  villages {
    id
    label
    formerCommune { name }
    centroid
    observation(indicator: "carRoadAccess") {
      value
      status
      period
      source { label }
    }
  }
}`,
  },
  {
    id: 'coverage',
    titleVi: 'Độ bao phủ theo xã cũ',
    titleEn: 'Coverage by former commune',
    descriptionVi: 'Số bản đạt một chỉ tiêu có/không, theo xã cũ, từ số liệu cụ thể nhất có được.',
    descriptionEn: 'Villages achieving a yes/no indicator per former commune, from the most specific facts available.',
    query: `query Coverage {
  coverage(indicator: "drugFree") {
    achieved total share complete target targetComparator targetMet
    groups { name achieved total share basis source { label } }
  }
}`,
  },
  {
    id: 'targets',
    titleVi: '21 mục tiêu 2030',
    titleEn: 'The 21 targets for 2030',
    descriptionVi: 'Hiện trạng, mục tiêu, giá trị hiện nay và tình trạng; với mục tiêu tính theo bản: còn thiếu bao nhiêu bản, bản nào.',
    descriptionEn: 'Baseline, target, current value and status; for village-count targets, how many villages are short and which.',
    query: `query Targets {
  targets {
    no labelVi comparator value unit status
    baseline { value period }
    current { value count denominator period }
    villagesNeeded moreVillagesNeeded
    candidates { id label }
  }
}`,
  },
  {
    id: 'series',
    titleVi: 'Chuỗi số liệu của các xã cũ',
    titleEn: 'Time series of the former communes',
    descriptionVi: 'Tỷ lệ hộ nghèo theo năm của từng xã cũ (mới nhất trước), với nguồn.',
    descriptionEn: 'Poverty rate by year for each former commune (newest first), with sources.',
    query: `query PovertySeries {
  observations(level: "formerCommune", indicator: "povertyRate") {
    unitLabel period value status source { label }
  }
}`,
  },
  {
    id: 'geojson',
    titleVi: 'GeoJSON cho QGIS',
    titleEn: 'GeoJSON for QGIS',
    descriptionVi: 'Một FeatureCollection, mỗi bản một đối tượng, với các chỉ tiêu chọn; nút “Xuất GeoJSON” lưu thành tệp mở được trong QGIS.',
    descriptionEn: 'A FeatureCollection, one feature per village, with the chosen indicators; “Export GeoJSON” saves a file QGIS opens.',
    query: `query VillagesGeoJSON {
  villageFeatures(indicators: ["drugFree", "carRoadAccess"], precision: 5)
}`,
  },
  {
    id: 'near',
    titleVi: 'Bản gần một điểm',
    titleEn: 'Villages near a point',
    descriptionVi: 'Các bản có tâm trong bán kính 6 km quanh một điểm (khoảng cách trên elipxoit WGS84; tâm bản là sơ đồ).',
    descriptionEn: 'Villages whose centre lies within 6 km of a point (distances on the WGS84 ellipsoid; centres are schematic).',
    query: `query Near {
  villagesNear(lon: 104.93, lat: 21.37, km: 6) {
    distanceKm
    village { id label centroid }
  }
}`,
  },
];
