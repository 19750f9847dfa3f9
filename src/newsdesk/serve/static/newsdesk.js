// Small conveniences on top of server-rendered pages; every page works without them.
"use strict";

// Following a link to a cited span flashes every highlight of that span.
function flashTarget() {
  const id = decodeURIComponent(location.hash.slice(1));
  if (!id) return;
  document.querySelectorAll(".flash").forEach((el) => el.classList.remove("flash"));
  document.querySelectorAll("[data-anchor]").forEach((el) => {
    if (el.dataset.anchor === id) el.classList.add("flash");
  });
}

// Clicking an entity's row marks all its mentions in the sources.
function focusEntity(row) {
  const id = row.dataset.entity;
  const on = !row.classList.contains("focus");
  document.querySelectorAll("tr.entity.focus, .ent.focus").forEach((el) => el.classList.remove("focus"));
  if (!on) return;
  row.classList.add("focus");
  document.querySelectorAll(".ent").forEach((el) => {
    if (el.dataset.entity === id) el.classList.add("focus");
  });
}

// Uploading articles: post them, then poll the job until it is done.
async function upload(form) {
  const status = document.getElementById("upload-status");
  status.textContent = "uploading…";
  // the page's CSRF token proves the post comes from this page; the API token, when the
  // server wants one, goes in the Authorization header rather than among the files
  const data = new FormData(form);
  const headers = { "X-CSRF-Token": form.dataset.csrf };
  const token = data.get("token");
  if (token) {
    headers.Authorization = `Bearer ${token}`;
    data.delete("token");
  }
  const response = await fetch(form.action, { method: "POST", body: data, headers });
  const body = await response.json();
  if (!response.ok) {
    status.textContent = body.error ? body.error.message : "upload failed";
    return;
  }
  let job = body;
  while (job.status === "queued" || job.status === "running") {
    status.textContent = `analysing: ${job.processed} of ${job.inputs} files`;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    job = await (await fetch(`/api/jobs/${encodeURIComponent(job.id)}`)).json();
  }
  status.textContent = `${job.status}: ${job.added} added, ${job.duplicates} already stored, ${job.errors.length} rejected`;
  if (job.added) setTimeout(() => location.reload(), 1500);
}

// The reader's layers (entities, quotes, claims, framing) are remembered from page to page.
function rememberLayers() {
  const boxes = document.querySelectorAll("#layers input[data-layer]");
  let saved = [];
  try {
    saved = JSON.parse(localStorage.getItem("newsdesk.layers") || "[]");
  } catch (error) {
    saved = [];
  }
  boxes.forEach((box) => {
    box.checked = saved.includes(box.dataset.layer);
    box.addEventListener("change", () => {
      const on = [...boxes].filter((b) => b.checked).map((b) => b.dataset.layer);
      localStorage.setItem("newsdesk.layers", JSON.stringify(on));
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  rememberLayers();
  flashTarget();
  window.addEventListener("hashchange", flashTarget);
  document.querySelectorAll("tr.entity").forEach((row) => {
    row.addEventListener("click", (event) => {
      if (event.target.closest("a, summary")) return;
      focusEntity(row);
    });
  });
  const form = document.getElementById("upload");
  if (form) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      upload(form);
    });
  }
});
