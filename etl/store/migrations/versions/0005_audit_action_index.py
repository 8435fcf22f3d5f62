"""audit log: index on (action, id) for the data version every page run reads

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_audit_log_action_id', 'audit_log', ['action', 'id'])


def downgrade() -> None:
    op.drop_index('ix_audit_log_action_id', table_name='audit_log')
