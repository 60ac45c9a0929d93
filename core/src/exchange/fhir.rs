//! A FHIR R4 Bundle (type collection): labs as Observations with LOINC codes and UCUM units,
//! nights as Observations, the regimen as MedicationStatements, all about one anonymous Patient.

use std::io::Write;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::error::Result;
use crate::model::enums::name_of;
use crate::model::{Analyte, Lab, Night, RegimenItem};

/// LOINC code, display, and UCUM unit of each analyte.
pub fn loinc(a: Analyte) -> (&'static str, &'static str, &'static str) {
    match a {
        Analyte::Ferritin => ("2276-4", "Ferritin [Mass/volume] in Serum or Plasma", "ng/mL"),
        Analyte::Tsat => ("2502-3", "Iron saturation [Mass Fraction] in Serum or Plasma", "%"),
        Analyte::Haemoglobin => ("718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL"),
        // Total 25-OH vitamin D (D2 + D3); 1989-3 is vitamin D3 alone.
        Analyte::VitaminD => ("62292-8", "25-Hydroxyvitamin D2+25-Hydroxyvitamin D3 [Mass/volume] in Serum or Plasma", "ng/mL"),
        Analyte::Egfr => ("98979-8", "Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI 2021)", "mL/min/{1.73_m2}"),
    }
}

const CODES: &str = "urn:quietlegs:code";

fn entry(resource: Value) -> Value {
    let id = resource
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    json!({ "fullUrl": format!("urn:uuid:{id}"), "resource": resource })
}

pub fn write_bundle(
    w: &mut dyn Write,
    patient_id: &str,
    now: DateTime<Utc>,
    labs: &[Lab],
    nights: &[Night],
    regimen: &[RegimenItem],
) -> Result<()> {
    let subject = json!({ "reference": format!("urn:uuid:{patient_id}") });
    let mut entries = vec![entry(
        json!({ "resourceType": "Patient", "id": patient_id }),
    )];
    for l in labs {
        let (code, display, ucum) = loinc(l.analyte);
        entries.push(entry(json!({
            "resourceType": "Observation",
            "id": l.meta.id.to_string(),
            "status": "final",
            "category": [{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "laboratory" }] }],
            "code": { "coding": [{ "system": "http://loinc.org", "code": code, "display": display }], "text": display },
            "subject": subject,
            "effectiveDateTime": l.taken_on.to_string(),
            "valueQuantity": { "value": (l.value.canonical * 1000.0).round() / 1000.0, "unit": ucum, "system": "http://unitsofmeasure.org", "code": ucum },
        })));
    }
    for n in nights {
        let survey = json!([{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey" }] }]);
        if let Some(q) = n.quick_severity {
            entries.push(entry(json!({
                "resourceType": "Observation",
                "id": n.meta.id.to_string(),
                "status": "final",
                "category": survey,
                "code": { "coding": [{ "system": CODES, "code": "rls-quick-severity", "display": "RLS severity, patient's 0-10 rating" }], "text": "RLS severity (0-10)" },
                "subject": subject,
                "effectiveDateTime": n.night_date.to_string(),
                "valueInteger": q,
            })));
        }
        if let Some(i) = n.irls {
            entries.push(entry(json!({
                "resourceType": "Observation",
                "id": uuid::Uuid::new_v5(&n.meta.id, b"irls").to_string(),
                "status": "final",
                "category": survey,
                "code": { "coding": [{ "system": CODES, "code": "irls-total", "display": "IRLS total score (0-40)" }], "text": "IRLS total (0-40)" },
                "subject": subject,
                "effectiveDateTime": n.night_date.to_string(),
                "valueInteger": i.total(),
                "interpretation": [{ "text": name_of(&i.band()).replace('_', " ") }],
            })));
        }
    }
    for r in regimen {
        let period = match r.stop_date {
            Some(stop) => json!({ "start": r.start_date.to_string(), "end": stop.to_string() }),
            None => json!({ "start": r.start_date.to_string() }),
        };
        let every = if r.every_n_days == 1 {
            "daily".to_owned()
        } else {
            format!("every {} days", r.every_n_days)
        };
        let dose = r.dose_mg.map(|d| format!("{d} mg ")).unwrap_or_default();
        entries.push(entry(json!({
            "resourceType": "MedicationStatement",
            "id": r.meta.id.to_string(),
            "status": if r.stop_date.is_some_and(|s| s < now.date_naive()) { "completed" } else { "active" },
            "medicationCodeableConcept": { "text": r.name },
            "subject": subject,
            "effectivePeriod": period,
            "dosage": [{ "text": format!("{dose}{every}") }],
        })));
    }
    let bundle = json!({
        "resourceType": "Bundle",
        "id": uuid::Uuid::new_v4().to_string(),
        "type": "collection",
        "timestamp": crate::store::ts(&now),
        "entry": entries,
    });
    serde_json::to_writer_pretty(&mut *w, &bundle)?;
    w.write_all(b"\n")?;
    Ok(())
}
