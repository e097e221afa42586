from django import forms
from django.contrib import admin
from django.db import transaction
from django.forms.models import BaseInlineFormSet

from revier.core.cache import content_changed
from revier.core.services import audit_log, audit_read


class DeleteEachAdmin:
    """Admin mixin: the "delete selected" action deletes object by object through delete_model, all
    in one transaction, so that a bulk delete calls the model's delete service (and writes its
    audit entry) for every object, as deleting one does. Override delete_model to call the service."""

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class AuditedAdmin(DeleteEachAdmin):
    """Admin mixin for models without services of their own (topics): every save and delete from
    the admin, one by one or selected, is written to the audit log in the same transaction."""

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_log(actor=request.user, action="changed" if change else "created", obj=obj)
        content_changed()

    @transaction.atomic
    def delete_model(self, request, obj):
        audit_log(actor=request.user, action="deleted", obj=obj)
        super().delete_model(request, obj)
        content_changed()


class ReadAuditedAdmin:
    """Admin mixin for models with personal data (issue 12 §2): a list of them and an opened object
    are recorded in the audit log (who, which records, when: one INSERT per page), and Django's own
    admin history, which would copy the object's name (`str(obj)`), is not written for them; their
    changes are in the audit log through the services."""

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if request.method in ("GET", "HEAD") and changelist is not None:
            # The rows are fetched here; the template reuses them.
            audit_read(actor=request.user, action="admin_list_viewed", model=self.model,
                       object_ids=[obj.pk for obj in changelist.result_list])
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        original = (getattr(response, "context_data", None) or {}).get("original")
        if original is not None and response.status_code == 200:
            audit_read(actor=request.user, action="admin_object_viewed", model=self.model, object_ids=[original.pk])
        return response

    def log_addition(self, request, obj, message):
        return None

    def log_change(self, request, obj, message):
        return None

    def log_deletions(self, request, queryset):
        return []


def label_inputs(form: forms.BaseForm, *, suffix: str = "") -> None:
    """Gives every visible input of `form` its field's label as aria-label, for forms whose labels
    the admin shows only as column headers (tabular inlines, editable list columns), which do not
    label the inputs (WCAG 1.3.1, 4.1.2). Split date and time fields label their inputs in their
    template (admin/widgets/split_datetime.html)."""
    for field in form.fields.values():
        # The admin wraps relation widgets (RelatedFieldWidgetWrapper); the wrapped one renders.
        widget = getattr(field.widget, "widget", field.widget)
        if widget.is_hidden or isinstance(widget, forms.MultiWidget):
            continue
        widget.attrs.setdefault("aria-label", f"{field.label}{suffix}")


class LabelledInlineFormSet(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)  # DELETE and the ordering fields come in here
        label_inputs(form)


class LabelledTabularInline(admin.TabularInline):
    """A tabular inline whose inputs are labelled (see label_inputs)."""

    formset = LabelledInlineFormSet


class LabelledListEditableAdmin:
    """Admin mixin for list_editable: each input in the list is labelled with its column and row,
    e.g. "Position: Wasserstoff"."""

    def get_changelist_form(self, request, **kwargs):
        base = super().get_changelist_form(request, **kwargs)

        class LabelledForm(base):
            def __init__(self, *args, **form_kwargs):
                super().__init__(*args, **form_kwargs)
                label_inputs(self, suffix=f": {self.instance}")

        return LabelledForm
