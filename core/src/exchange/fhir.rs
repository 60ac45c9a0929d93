//! A FHIR R4 Bundle (type collection): labs as Observations with LOINC codes and UCUM units,
//! nights as Observations, the regimen as MedicationStatements, all about one anonymous Patient.

use std::io::Write;

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

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

/// An Observation's fields every kind shares; the caller adds its value. serde_json keeps an
/// object's keys in sorted order, so the text does not depend on the order they are added in.
fn observation(
    id: String,
    category: &str,
    code: Value,
    subject: &Value,
    effective: String,
) -> Map<String, Value> {
    let category = json!([{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": category }] }]);
    let fields = json!({
        "resourceType": "Observation",
        "id": id,
        "status": "final",
        "category": category,
        "code": code,
        "subject": subject,
        "effectiveDateTime": effective,
    });
    match fields {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// A CodeableConcept of one coding.
fn concept(system: &str, code: &str, display: &str, text: &str) -> Value {
    json!({ "coding": [{ "system": system, "code": code, "display": display }], "text": text })
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
        let mut o = observation(
            l.meta.id.to_string(),
            "laboratory",
            concept("http://loinc.org", code, display, display),
            &subject,
            l.taken_on.to_string(),
        );
        o.insert(
            "valueQuantity".to_owned(),
            json!({ "value": (l.value.canonical * 1000.0).round() / 1000.0, "unit": ucum, "system": "http://unitsofmeasure.org", "code": ucum }),
        );
        entries.push(entry(Value::Object(o)));
    }
    for n in nights {
        if let Some(q) = n.quick_severity {
            let mut o = observation(
                n.meta.id.to_string(),
                "survey",
                concept(
                    CODES,
                    "rls-quick-severity",
                    "RLS severity, patient's 0-10 rating",
                    "RLS severity (0-10)",
                ),
                &subject,
                n.night_date.to_string(),
            );
            o.insert("valueInteger".to_owned(), json!(q));
            entries.push(entry(Value::Object(o)));
        }
        if let Some(i) = n.irls {
            let mut o = observation(
                uuid::Uuid::new_v5(&n.meta.id, b"irls").to_string(),
                "survey",
                concept(
                    CODES,
                    "irls-total",
                    "IRLS total score (0-40)",
                    "IRLS total (0-40)",
                ),
                &subject,
                n.night_date.to_string(),
            );
            o.insert("valueInteger".to_owned(), json!(i.total()));
            o.insert(
                "interpretation".to_owned(),
                json!([{ "text": name_of(&i.band()).replace('_', " ") }]),
            );
            entries.push(entry(Value::Object(o)));
        }
    }
    for r in regimen {
        // Only a start the person gave is written; one they do not know, or were never asked
        // (the day it was entered in the app), is left out (FHIR: unknown).
        let start = r.start_source.is_known().then(|| r.start_date.to_string());
        // FHIR allows no empty Period: without a start or an end there is none.
        let period = match (start, r.stop_date) {
            (Some(start), Some(stop)) => Some(json!({ "start": start, "end": stop.to_string() })),
            (Some(start), None) => Some(json!({ "start": start })),
            (None, Some(stop)) => Some(json!({ "end": stop.to_string() })),
            (None, None) => None,
        };
        let every = if r.every_n_days == 1 {
            "daily".to_owned()
        } else {
            format!("every {} days", r.every_n_days)
        };
        let dose = r.dose_mg.map(|d| format!("{d} mg ")).unwrap_or_default();
        let mut statement = json!({
            "resourceType": "MedicationStatement",
            "id": r.meta.id.to_string(),
            "status": if r.stop_date.is_some_and(|s| s < now.date_naive()) { "completed" } else { "active" },
            "medicationCodeableConcept": { "text": r.name },
            "subject": subject,
            "dosage": [{ "text": format!("{dose}{every}") }],
        });
        if let (Some(o), Some(p)) = (statement.as_object_mut(), period) {
            o.insert("effectivePeriod".to_owned(), p);
        }
        entries.push(entry(statement));
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
